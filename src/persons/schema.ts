import { Type, type Static } from 'typebox';
import { ID_PATTERN } from '../core/ids.js';
import { DOCUMENT_TYPES, Restriction } from '../documents/schema.js';
import { DOCUMENT_NUMBER_MAX_LENGTH } from '../documents/document-number.js';

/**
 * Limits, stated once. Counts and lengths that have a stable error code of
 * their own (names, characters per name) are checked in validate.ts, not by
 * the schema, so the caller learns `person.name_too_long` rather than a
 * generic schema failure; the body limit bounds everything else.
 */
export const PERSON_LIMITS = {
  /** Names a record holds: the primary name, other spellings, aliases, earlier names (the name index's own limit). */
  namesPerPerson: 32,
  /** Characters of one whole name (family, given and patronymic together), after NFKC: the name engine's limit. */
  nameChars: 200,
  documents: 20,
  marks: 20,
  markChars: 500,
  languages: 20,
  nationalities: 5,
  place: 200,
  /** Screening: names in one query, candidates returned, and the least score a searcher may ask to see. */
  screenNames: 10,
  screenLimit: 50,
  screenDefaultLimit: 10,
  minScoreFloor: 0.5,
  defaultMinScore: 0.7,
  /** The owner's hit threshold: the default, and how low an owner may set it. */
  defaultHitThreshold: 0.8,
  hitThresholdFloor: 0.7,
  /** Photographs: JPEG, PNG or WebP, at most 2 MiB, stored in the database. */
  photoBytes: 2 * 1024 * 1024,
  noticeSummary: 4000,
  reason: 1000,
  location: 100,
} as const;

export const NOTICE_TYPES = ['red', 'yellow', 'blue', 'green', 'black', 'orange', 'purple', 'un_special'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export const NOTICE_STATUSES = ['requested', 'under_review', 'published', 'refused', 'cancelled', 'expired'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_KINDS = ['notice', 'diffusion'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NAME_KINDS = ['primary', 'spelling', 'alias', 'earlier'] as const;
export type NameKind = (typeof NAME_KINDS)[number];
export const SEXES = ['M', 'F', 'X'] as const;
export type Sex = (typeof SEXES)[number];

const Id = Type.String({ pattern: ID_PATTERN });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Time = Type.String({ format: 'date-time' });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const State = Type.String({ minLength: 1, maxLength: 3, description: 'ICAO 9303 code (GBR, D, RKS …), as documents use; lower case is raised' });
const NamePart = Type.String({ description: `as written, in any script; a whole name at most ${PERSON_LIMITS.nameChars} characters (person.name_too_long)` });

export const PersonName = Type.Object(
  {
    kind: Type.Optional(Type.Enum(NAME_KINDS, { description: 'primary (the first name, and only it), spelling (the same name in another script or spelling), alias, earlier (a maiden or former name)' })),
    family: Type.Optional(NamePart),
    given: Type.Optional(NamePart),
    patronymic: Type.Optional(NamePart),
  },
  { additionalProperties: false },
);
export type PersonName = Static<typeof PersonName>;

export const BirthDateInput = Type.Union(
  [
    Type.String({ maxLength: 40, description: 'YYYY-MM-DD, YYYY-MM or YYYY; a range as FROM/TO' }),
    Type.Object({ from: Type.String({ maxLength: 10 }), to: Type.String({ maxLength: 10 }) }, { additionalProperties: false, description: 'born between two dates, each YYYY, YYYY-MM or YYYY-MM-DD' }),
  ],
  { description: 'a full date, a year and month, a year, or a range; 31 February and dates to come are refused (person.birth_date_invalid)' },
);
export type BirthDateInput = Static<typeof BirthDateInput>;

const PlaceOfBirth = Type.Object(
  { place: Type.Optional(Type.String({ minLength: 1, maxLength: PERSON_LIMITS.place })), country: Type.Optional(State) },
  { additionalProperties: false },
);

const IdentityDocument = Type.Object(
  {
    issuingState: State,
    number: Type.String({ minLength: 1, maxLength: DOCUMENT_NUMBER_MAX_LENGTH * 3, description: 'as printed; normalised as the travel-documents database does' }),
    documentType: Type.Optional(Type.Enum(DOCUMENT_TYPES)),
  },
  { additionalProperties: false },
);

const details = {
  names: Type.Array(PersonName, { description: `the primary name first, then other spellings, aliases and earlier names; 1 to ${PERSON_LIMITS.namesPerPerson}` }),
  birthDate: Type.Optional(Type.Union([BirthDateInput, Type.Null()])),
  placeOfBirth: Type.Optional(Type.Union([PlaceOfBirth, Type.Null()])),
  sex: Type.Optional(Type.Union([Type.Enum(SEXES, { description: 'M, F, or X (unspecified)' }), Type.Null()])),
  nationalities: Type.Optional(Type.Array(State, { maxItems: PERSON_LIMITS.nationalities, description: 'ICAO 9303 codes, as travel documents carry them' })),
  documents: Type.Optional(Type.Array(IdentityDocument, { maxItems: PERSON_LIMITS.documents })),
  distinguishingMarks: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: PERSON_LIMITS.markChars }), { maxItems: PERSON_LIMITS.marks })),
  languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639-1 or 639-3 code' }), { maxItems: PERSON_LIMITS.languages, uniqueItems: true })),
  hitThreshold: Type.Optional(Type.Number({ minimum: PERSON_LIMITS.hitThresholdFloor, maximum: 1, description: `the score from which a screening candidate is a hit (default ${PERSON_LIMITS.defaultHitThreshold})` })),
  reviewDate: Type.Optional(IsoDate),
  restriction: Type.Optional(Restriction),
};

export const CreatePersonBody = Type.Object(details, { additionalProperties: false });
export type CreatePersonBody = Static<typeof CreatePersonBody>;

export const UpdatePersonBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version you read; refused if the record changed since' }),
    ...details,
    names: Type.Optional(details.names),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;

const StoredName = Type.Object({
  kind: Type.Enum(NAME_KINDS),
  family: Type.Union([Type.String(), Type.Null()]),
  given: Type.Union([Type.String(), Type.Null()]),
  patronymic: Type.Union([Type.String(), Type.Null()]),
});
export type StoredName = Static<typeof StoredName>;

const StoredDocument = Type.Object({ issuingState: Type.String(), number: Type.String(), documentType: Type.Union([Type.String(), Type.Null()]) });
export type StoredDocument = Static<typeof StoredDocument>;

export const PhotoInfo = Type.Object({ contentType: Type.String(), size: Type.Integer(), sha256: Type.String(), uploadedAt: Time });

/** What every reader of a person sees: the identity particulars. */
const particulars = {
  id: Id,
  ownerCountry: Country,
  names: Type.Array(StoredName),
  birthDate: Type.Union([Type.String({ description: 'YYYY-MM-DD, YYYY-MM, YYYY, or FROM/TO' }), Type.Null()]),
  placeOfBirth: Type.Object({ place: Type.Union([Type.String(), Type.Null()]), country: Type.Union([Type.String(), Type.Null()]) }),
  sex: Type.Union([Type.Enum(SEXES), Type.Null()]),
  nationalities: Type.Array(Type.String()),
  documents: Type.Array(StoredDocument),
  distinguishingMarks: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  photo: Type.Union([PhotoInfo, Type.Null()]),
};

/** A record in full, as its owner and the hub read it. */
export const Person = Type.Object({
  ...particulars,
  ownerOrgId: Id,
  hitThreshold: Type.Number(),
  reviewDate: IsoDate,
  restriction: Type.Object({ visibility: Type.String(), countries: Type.Array(Country) }),
  state: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  version: Type.Integer(),
  createdAt: Time,
  updatedAt: Time,
  cancelledAt: Type.Union([Time, Type.Null()]),
});
export type Person = Static<typeof Person>;

// ------------------------------------------------------------------ notices

export const RequestNoticeBody = Type.Object(
  {
    kind: Type.Optional(Type.Enum(NOTICE_KINDS, { description: 'notice (default): reviewed by the hub, then published to all members; diffusion: straight to the countries named' })),
    type: Type.String({ maxLength: 40, description: `one of ${NOTICE_TYPES.join(', ')} (notice.unknown_type)` }),
    summary: Type.String({ minLength: 1, maxLength: PERSON_LIMITS.noticeSummary, description: 'why: the charges, the disappearance, the threat…' }),
    countries: Type.Optional(Type.Array(Country, { maxItems: 250, uniqueItems: true, description: 'a diffusion\'s addressees (ISO alpha-2); not for a notice' })),
    reviewDate: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; the notice expires then (default: the person\'s review date)' })),
  },
  { additionalProperties: false },
);
export type RequestNoticeBody = Static<typeof RequestNoticeBody>;

export const UpdateNoticeBody = Type.Object(
  {
    status: Type.Enum(NOTICE_STATUSES),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: PERSON_LIMITS.reason, description: 'required to refuse; kept with the change' })),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version you saw; refused if the notice changed since' })),
  },
  { additionalProperties: false },
);
export type UpdateNoticeBody = Static<typeof UpdateNoticeBody>;

export const NoticeEvent = Type.Object({
  seq: Type.Integer(),
  at: Time,
  actorId: Type.String(),
  actorOrgId: Type.String(),
  from: Type.Union([Type.Enum(NOTICE_STATUSES), Type.Null()]),
  to: Type.Enum(NOTICE_STATUSES),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type NoticeEvent = Static<typeof NoticeEvent>;

export const Notice = Type.Object({
  id: Id,
  personId: Id,
  kind: Type.Enum(NOTICE_KINDS),
  type: Type.Enum(NOTICE_TYPES),
  status: Type.Enum(NOTICE_STATUSES, { description: 'expired is shown from the review date on, even before the hub records it' }),
  summary: Type.String(),
  countries: Type.Array(Country),
  requester: Type.Object({ orgId: Id, country: Country }),
  refusalReason: Type.Union([Type.String(), Type.Null()]),
  reviewDate: IsoDate,
  version: Type.Integer(),
  createdAt: Time,
  updatedAt: Time,
  publishedAt: Type.Union([Time, Type.Null()]),
  closedAt: Type.Union([Time, Type.Null()]),
  events: Type.Optional(Type.Array(NoticeEvent)),
});
export type Notice = Static<typeof Notice>;

// ---------------------------------------------------------------- screening

export const ScreenBody = Type.Object(
  {
    names: Type.Array(Type.String({ description: `a whole name, any script, at most ${PERSON_LIMITS.nameChars} characters` }), { description: `1 to ${PERSON_LIMITS.screenNames} names: one person's name and its other spellings or aliases (person.names_missing, person.names_too_many)` }),
    birthDate: Type.Optional(BirthDateInput),
    sex: Type.Optional(Type.Enum(SEXES)),
    nationality: Type.Optional(State),
    location: Type.Optional(Type.String({ minLength: 1, maxLength: PERSON_LIMITS.location, description: 'where the check happens, e.g. a border point; a screening with a location opens urgent cases' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PERSON_LIMITS.screenLimit, description: `most candidates returned (default ${PERSON_LIMITS.screenDefaultLimit})` })),
    minScore: Type.Optional(Type.Number({ minimum: PERSON_LIMITS.minScoreFloor, maximum: 1, description: `least score of a candidate shown (default ${PERSON_LIMITS.defaultMinScore}); hits are always shown` })),
  },
  { additionalProperties: false },
);
export type ScreenBody = Static<typeof ScreenBody>;

const PartMatch = Type.Object({
  query: Type.String(),
  record: Type.String(),
  method: Type.String({ description: 'exact, transliteration, phonetic, variant, fuzzy, initial or joined' }),
  score: Type.Number(),
  via: Type.String({ description: 'the Latin (phonetic) forms that met' }),
  editDistance: Type.Optional(Type.Number()),
  jaroWinkler: Type.Optional(Type.Number()),
});

export const Explanation = Type.Object({
  nameScore: Type.Number(),
  queryName: Type.Integer({ description: 'which of the query\'s names matched (0-based)' }),
  recordName: Type.Object({ index: Type.Integer({ description: 'which of the person\'s names matched (0 = primary)' }), parts: Type.Array(Type.String()) }),
  matches: Type.Array(PartMatch),
  unmatchedQuery: Type.Array(Type.String()),
  unmatchedRecord: Type.Array(Type.String()),
  birthDate: Type.Object({ agreement: Type.String(), detail: Type.String() }),
  commonName: Type.Optional(Type.Object({
    namesakes: Type.Integer({ description: 'persons in the index found bearing the name (at least)' }),
    factor: Type.Number({ description: 'what the score was multiplied by' }),
  }, { description: 'present when the name is common and no birth date confirms it (the record has none, only a year or a range, or one only near)' })),
  sex: Type.String(),
  nationality: Type.String(),
});
export type Explanation = Static<typeof Explanation>;

export const NoticeSummary = Type.Object({ id: Id, kind: Type.Enum(NOTICE_KINDS), type: Type.Enum(NOTICE_TYPES), summary: Type.String(), publishedAt: Type.Union([Time, Type.Null()]), reviewDate: IsoDate });

export const ScreeningCandidate = Type.Object({
  score: Type.Number(),
  hit: Type.Boolean({ description: 'at or above the owner\'s threshold: a hit was recorded and (between NCBs) a case opened' }),
  hitId: Type.Union([Id, Type.Null()]),
  caseId: Type.Union([Id, Type.Null()]),
  person: Type.Object(particulars),
  notices: Type.Array(NoticeSummary, { description: 'the notices and diffusions through which you see the person' }),
  explanation: Explanation,
});
export type ScreeningCandidate = Static<typeof ScreeningCandidate>;

export const ScreeningResult = Type.Object({
  outcome: Type.Union([Type.Literal('hit'), Type.Literal('possible_match'), Type.Literal('no_hit')]),
  candidates: Type.Array(ScreeningCandidate),
  instruction: Type.Optional(Type.String()),
});
export type ScreeningResult = Static<typeof ScreeningResult>;
