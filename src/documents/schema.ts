import { Type, type Static } from 'typebox';
import { ID_PATTERN } from '../core/ids.js';
import { DOCUMENT_NUMBER_MAX_LENGTH } from './document-number.js';

export const DOCUMENT_TYPES = ['passport', 'identity_card', 'visa', 'residence_permit', 'refugee_travel_document', 'other_travel_document', 'seafarer_book'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_STATUSES = ['stolen', 'lost', 'revoked', 'invalidated', 'stolen_blank'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Limits, stated once: the API schemas and the importer both use them. */
export const LIMITS = {
  batchSearches: 10_000,
  rangeSize: 1_000_000,
  reviewYears: 10,
  defaultReviewYears: 5,
  text: 2000,
  place: 200,
  name: 200,
  visibleCountries: 250,
  location: 100,
  mrz: 200,
} as const;

const Id = Type.String({ pattern: ID_PATTERN });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Time = Type.String({ format: 'date-time' });
const RawNumber = Type.String({ minLength: 1, maxLength: DOCUMENT_NUMBER_MAX_LENGTH * 3, description: 'as printed; spaces, hyphens and < fillers are removed, lower case is raised' });
const State = Type.String({ minLength: 1, maxLength: 3, description: 'ICAO 9303 code (GBR, D, UNO, XXA …); lower case is raised' });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });

export const Restriction = Type.Object(
  {
    visibility: Type.Union([Type.Literal('all'), Type.Literal('countries'), Type.Literal('hub')], { description: 'all members; the listed countries (and the owner); or none but the owner and the hub' }),
    countries: Type.Optional(Type.Array(Country, { maxItems: LIMITS.visibleCountries, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type Restriction = Static<typeof Restriction>;

const Event = Type.Object(
  {
    date: Type.Optional(IsoDate),
    place: Type.Optional(Type.String({ maxLength: LIMITS.place })),
    circumstances: Type.Optional(Type.String({ maxLength: LIMITS.text })),
  },
  { additionalProperties: false },
);
const Holder = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: LIMITS.name })),
    birthDate: Type.Optional(IsoDate),
    nationality: Type.Optional(State),
  },
  { additionalProperties: false },
);
const Range = Type.Object({ from: RawNumber, to: RawNumber }, { additionalProperties: false, description: 'consecutive serial numbers of stolen blanks, same prefix and width' });

export const CreateDocumentBody = Type.Object(
  {
    issuingState: State,
    documentType: Type.Enum(DOCUMENT_TYPES),
    status: Type.Enum(DOCUMENT_STATUSES),
    number: Type.Optional(RawNumber),
    range: Type.Optional(Range),
    event: Type.Optional(Event),
    holder: Type.Optional(Holder),
    issuedOn: Type.Optional(IsoDate),
    expiresOn: Type.Optional(IsoDate),
    reviewDate: Type.Optional(IsoDate),
    restriction: Type.Optional(Restriction),
  },
  { additionalProperties: false },
);
export type CreateDocumentBody = Static<typeof CreateDocumentBody>;

export const UpdateDocumentBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version you read; refused if the record changed since' }),
    status: Type.Optional(Type.Enum(DOCUMENT_STATUSES)),
    event: Type.Optional(Event),
    holder: Type.Optional(Holder),
    expiresOn: Type.Optional(IsoDate),
    reviewDate: Type.Optional(IsoDate),
    restriction: Type.Optional(Restriction),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type UpdateDocumentBody = Static<typeof UpdateDocumentBody>;

export const TravelDocument = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('single'), Type.Literal('range')]),
  ownerOrgId: Id,
  ownerCountry: Country,
  issuingState: Type.String(),
  documentType: Type.Enum(DOCUMENT_TYPES),
  status: Type.Enum(DOCUMENT_STATUSES),
  number: Type.Union([Type.String(), Type.Null()]),
  range: Type.Union([Type.Object({ from: Type.String(), to: Type.String(), count: Type.Integer() }), Type.Null()]),
  event: Type.Object({ date: Type.Union([IsoDate, Type.Null()]), place: Type.Union([Type.String(), Type.Null()]), circumstances: Type.Union([Type.String(), Type.Null()]) }),
  holder: Type.Object({ name: Type.Union([Type.String(), Type.Null()]), birthDate: Type.Union([IsoDate, Type.Null()]), nationality: Type.Union([Type.String(), Type.Null()]) }),
  issuedOn: Type.Union([IsoDate, Type.Null()]),
  expiresOn: Type.Union([IsoDate, Type.Null()]),
  reviewDate: IsoDate,
  restriction: Type.Object({ visibility: Type.String(), countries: Type.Array(Country) }),
  state: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  version: Type.Integer(),
  createdAt: Time,
  updatedAt: Time,
  cancelledAt: Type.Union([Time, Type.Null()]),
});
export type TravelDocument = Static<typeof TravelDocument>;

export const SearchItem = Type.Object(
  {
    number: Type.Optional(RawNumber),
    issuingState: Type.Optional(State),
    mrz: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.mrz, description: 'a whole machine-readable zone, lines separated by \\n; replaces number and issuingState' })),
    ref: Type.Optional(Type.String({ maxLength: 100, description: 'your own reference, echoed in the answer' })),
  },
  { additionalProperties: false },
);
export type SearchItem = Static<typeof SearchItem>;

const Location = Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.location, description: 'where the check happens, e.g. a border point' }));

export const SearchBody = Type.Object({ ...SearchItem.properties, location: Location }, { additionalProperties: false });
export type SearchBody = Static<typeof SearchBody>;

export const BatchSearchBody = Type.Object(
  { items: Type.Array(SearchItem, { description: `at most ${LIMITS.batchSearches.toLocaleString('en')} (document.batch_too_large); the body at most 8 MiB` }), location: Location },
  { additionalProperties: false },
);
export type BatchSearchBody = Static<typeof BatchSearchBody>;

export const HitMatch = Type.Object({
  hitId: Id,
  caseId: Type.Union([Id, Type.Null()]),
  issuingState: Type.String(),
  documentType: Type.String(),
  number: Type.String({ description: 'the recorded number (for a blank range, the serial that matched)' }),
  status: Type.String(),
  reportedOn: IsoDate,
  ownerCountry: Country,
  match: Type.Object({
    kind: Type.Union([Type.Literal('exact'), Type.Literal('ocr_variant'), Type.Literal('blank_range')]),
    differences: Type.Array(Type.Object({ position: Type.Integer(), read: Type.String(), recorded: Type.String() })),
    range: Type.Optional(Type.Object({ from: Type.String(), to: Type.String() })),
  }),
});
export type HitMatch = Static<typeof HitMatch>;

export const SearchResult = Type.Object({
  ref: Type.Optional(Type.String()),
  outcome: Type.Union([Type.Literal('hit'), Type.Literal('no_hit'), Type.Literal('error')]),
  query: Type.Optional(Type.Object({ number: Type.String(), issuingState: Type.Union([Type.String(), Type.Null()]) })),
  hits: Type.Optional(Type.Array(HitMatch)),
  instruction: Type.Optional(Type.String()),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() }))) })),
});
export type SearchResult = Static<typeof SearchResult>;
