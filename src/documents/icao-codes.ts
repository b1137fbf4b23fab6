/**
 * The three-letter codes that ICAO Doc 9303 Part 3 allows for the issuing
 * State or organisation and for the nationality of the holder in a machine
 * readable travel document.
 *
 * ISO COUNT: 249 (every officially assigned ISO 3166-1 alpha-3 code).
 *
 * What is in the list, and why:
 *   - Every ISO 3166-1 alpha-3 code, kind 'state'. That includes dependent
 *     territories (Bermuda, Hong Kong, ...) and Antarctica, because Doc 9303
 *     takes the whole ISO list; "state" here means "a place with an ISO code".
 *   - `D`, Germany's Doc 9303 code (written `D<<` in an MRZ). German documents
 *     use `D`, never `DEU`; `DEU` is kept because it is an ISO code.
 *   - `RKS`, Kosovo: not an ISO code, but the code that Kosovo's documents
 *     carry and that other states read; kind 'state'.
 *   - The British nationality categories GBD, GBN, GBO, GBP, GBS and the
 *     nationality codes XXA, XXB, XXC, XXX and UNK: kind 'special'.
 *   - Organisations that issue travel documents or laissez-passer: UNO, UNA,
 *     EUE, XBA, XIM, XCC, XCE, XCO, XEC, XPO, XES, XMP, XOM, XDC: kind
 *     'organisation'.
 *
 * What is not: withdrawn ISO codes (ANT, SCG, YUG, ROM, TMP, ZAR, CSK, SUN,
 * DDR ...), which no valid document carries today, and `UTO`, the fictional
 * "Utopia" of the Doc 9303 specimens (see `ICAO_SPECIMEN_CODE`).
 *
 * Canonical form: the code without filler characters, e.g. `D`, `GBR`. In an
 * MRZ the field is always three characters long and a shorter code is padded
 * on the right with `<` (`D<<`). `isIcaoCode` and `icaoName` accept either
 * form: the canonical code, or the three-character MRZ field; nothing else (no
 * lower case, no `D<`, no leading fillers).
 */

export type IcaoCodeKind = 'state' | 'organisation' | 'special';

export interface IcaoCode {
  /** Canonical form, without fillers. */
  readonly code: string;
  readonly name: string;
  readonly kind: IcaoCodeKind;
}

/** Number of ISO 3166-1 alpha-3 codes in the list (stated above; tests check it). */
export const ISO_ALPHA3_COUNT = 249;

/**
 * A regular expression source for API schemas: 1 to 3 upper-case letters, the
 * shape of a canonical code. It checks the shape only; use `isIcaoCode` for
 * membership.
 */
export const ICAO_CODE_PATTERN = '^[A-Z]{1,3}$';

/** The code of "Utopia", the fictional State of the Doc 9303 specimens. Not a real code. */
export const ICAO_SPECIMEN_CODE = 'UTO';

const iso: readonly (readonly [string, string])[] = [
  ['ABW', 'Aruba'],
  ['AFG', 'Afghanistan'],
  ['AGO', 'Angola'],
  ['AIA', 'Anguilla'],
  ['ALA', 'Åland Islands'],
  ['ALB', 'Albania'],
  ['AND', 'Andorra'],
  ['ARE', 'United Arab Emirates'],
  ['ARG', 'Argentina'],
  ['ARM', 'Armenia'],
  ['ASM', 'American Samoa'],
  ['ATA', 'Antarctica'],
  ['ATF', 'French Southern Territories'],
  ['ATG', 'Antigua and Barbuda'],
  ['AUS', 'Australia'],
  ['AUT', 'Austria'],
  ['AZE', 'Azerbaijan'],
  ['BDI', 'Burundi'],
  ['BEL', 'Belgium'],
  ['BEN', 'Benin'],
  ['BES', 'Bonaire, Sint Eustatius and Saba'],
  ['BFA', 'Burkina Faso'],
  ['BGD', 'Bangladesh'],
  ['BGR', 'Bulgaria'],
  ['BHR', 'Bahrain'],
  ['BHS', 'Bahamas'],
  ['BIH', 'Bosnia and Herzegovina'],
  ['BLM', 'Saint Barthélemy'],
  ['BLR', 'Belarus'],
  ['BLZ', 'Belize'],
  ['BMU', 'Bermuda'],
  ['BOL', 'Bolivia'],
  ['BRA', 'Brazil'],
  ['BRB', 'Barbados'],
  ['BRN', 'Brunei'],
  ['BTN', 'Bhutan'],
  ['BVT', 'Bouvet Island'],
  ['BWA', 'Botswana'],
  ['CAF', 'Central African Republic'],
  ['CAN', 'Canada'],
  ['CCK', 'Cocos (Keeling) Islands'],
  ['CHE', 'Switzerland'],
  ['CHL', 'Chile'],
  ['CHN', 'China'],
  ['CIV', "Côte d'Ivoire"],
  ['CMR', 'Cameroon'],
  ['COD', 'Democratic Republic of the Congo'],
  ['COG', 'Congo'],
  ['COK', 'Cook Islands'],
  ['COL', 'Colombia'],
  ['COM', 'Comoros'],
  ['CPV', 'Cabo Verde'],
  ['CRI', 'Costa Rica'],
  ['CUB', 'Cuba'],
  ['CUW', 'Curaçao'],
  ['CXR', 'Christmas Island'],
  ['CYM', 'Cayman Islands'],
  ['CYP', 'Cyprus'],
  ['CZE', 'Czechia'],
  ['DEU', 'Germany'],
  ['DJI', 'Djibouti'],
  ['DMA', 'Dominica'],
  ['DNK', 'Denmark'],
  ['DOM', 'Dominican Republic'],
  ['DZA', 'Algeria'],
  ['ECU', 'Ecuador'],
  ['EGY', 'Egypt'],
  ['ERI', 'Eritrea'],
  ['ESH', 'Western Sahara'],
  ['ESP', 'Spain'],
  ['EST', 'Estonia'],
  ['ETH', 'Ethiopia'],
  ['FIN', 'Finland'],
  ['FJI', 'Fiji'],
  ['FLK', 'Falkland Islands'],
  ['FRA', 'France'],
  ['FRO', 'Faroe Islands'],
  ['FSM', 'Micronesia'],
  ['GAB', 'Gabon'],
  ['GBR', 'United Kingdom'],
  ['GEO', 'Georgia'],
  ['GGY', 'Guernsey'],
  ['GHA', 'Ghana'],
  ['GIB', 'Gibraltar'],
  ['GIN', 'Guinea'],
  ['GLP', 'Guadeloupe'],
  ['GMB', 'Gambia'],
  ['GNB', 'Guinea-Bissau'],
  ['GNQ', 'Equatorial Guinea'],
  ['GRC', 'Greece'],
  ['GRD', 'Grenada'],
  ['GRL', 'Greenland'],
  ['GTM', 'Guatemala'],
  ['GUF', 'French Guiana'],
  ['GUM', 'Guam'],
  ['GUY', 'Guyana'],
  ['HKG', 'Hong Kong'],
  ['HMD', 'Heard Island and McDonald Islands'],
  ['HND', 'Honduras'],
  ['HRV', 'Croatia'],
  ['HTI', 'Haiti'],
  ['HUN', 'Hungary'],
  ['IDN', 'Indonesia'],
  ['IMN', 'Isle of Man'],
  ['IND', 'India'],
  ['IOT', 'British Indian Ocean Territory'],
  ['IRL', 'Ireland'],
  ['IRN', 'Iran'],
  ['IRQ', 'Iraq'],
  ['ISL', 'Iceland'],
  ['ISR', 'Israel'],
  ['ITA', 'Italy'],
  ['JAM', 'Jamaica'],
  ['JEY', 'Jersey'],
  ['JOR', 'Jordan'],
  ['JPN', 'Japan'],
  ['KAZ', 'Kazakhstan'],
  ['KEN', 'Kenya'],
  ['KGZ', 'Kyrgyzstan'],
  ['KHM', 'Cambodia'],
  ['KIR', 'Kiribati'],
  ['KNA', 'Saint Kitts and Nevis'],
  ['KOR', 'South Korea'],
  ['KWT', 'Kuwait'],
  ['LAO', 'Laos'],
  ['LBN', 'Lebanon'],
  ['LBR', 'Liberia'],
  ['LBY', 'Libya'],
  ['LCA', 'Saint Lucia'],
  ['LIE', 'Liechtenstein'],
  ['LKA', 'Sri Lanka'],
  ['LSO', 'Lesotho'],
  ['LTU', 'Lithuania'],
  ['LUX', 'Luxembourg'],
  ['LVA', 'Latvia'],
  ['MAC', 'Macao'],
  ['MAF', 'Saint Martin (French part)'],
  ['MAR', 'Morocco'],
  ['MCO', 'Monaco'],
  ['MDA', 'Moldova'],
  ['MDG', 'Madagascar'],
  ['MDV', 'Maldives'],
  ['MEX', 'Mexico'],
  ['MHL', 'Marshall Islands'],
  ['MKD', 'North Macedonia'],
  ['MLI', 'Mali'],
  ['MLT', 'Malta'],
  ['MMR', 'Myanmar'],
  ['MNE', 'Montenegro'],
  ['MNG', 'Mongolia'],
  ['MNP', 'Northern Mariana Islands'],
  ['MOZ', 'Mozambique'],
  ['MRT', 'Mauritania'],
  ['MSR', 'Montserrat'],
  ['MTQ', 'Martinique'],
  ['MUS', 'Mauritius'],
  ['MWI', 'Malawi'],
  ['MYS', 'Malaysia'],
  ['MYT', 'Mayotte'],
  ['NAM', 'Namibia'],
  ['NCL', 'New Caledonia'],
  ['NER', 'Niger'],
  ['NFK', 'Norfolk Island'],
  ['NGA', 'Nigeria'],
  ['NIC', 'Nicaragua'],
  ['NIU', 'Niue'],
  ['NLD', 'Netherlands'],
  ['NOR', 'Norway'],
  ['NPL', 'Nepal'],
  ['NRU', 'Nauru'],
  ['NZL', 'New Zealand'],
  ['OMN', 'Oman'],
  ['PAK', 'Pakistan'],
  ['PAN', 'Panama'],
  ['PCN', 'Pitcairn'],
  ['PER', 'Peru'],
  ['PHL', 'Philippines'],
  ['PLW', 'Palau'],
  ['PNG', 'Papua New Guinea'],
  ['POL', 'Poland'],
  ['PRI', 'Puerto Rico'],
  ['PRK', 'North Korea'],
  ['PRT', 'Portugal'],
  ['PRY', 'Paraguay'],
  ['PSE', 'Palestine'],
  ['PYF', 'French Polynesia'],
  ['QAT', 'Qatar'],
  ['REU', 'Réunion'],
  ['ROU', 'Romania'],
  ['RUS', 'Russia'],
  ['RWA', 'Rwanda'],
  ['SAU', 'Saudi Arabia'],
  ['SDN', 'Sudan'],
  ['SEN', 'Senegal'],
  ['SGP', 'Singapore'],
  ['SGS', 'South Georgia and the South Sandwich Islands'],
  ['SHN', 'Saint Helena, Ascension and Tristan da Cunha'],
  ['SJM', 'Svalbard and Jan Mayen'],
  ['SLB', 'Solomon Islands'],
  ['SLE', 'Sierra Leone'],
  ['SLV', 'El Salvador'],
  ['SMR', 'San Marino'],
  ['SOM', 'Somalia'],
  ['SPM', 'Saint Pierre and Miquelon'],
  ['SRB', 'Serbia'],
  ['SSD', 'South Sudan'],
  ['STP', 'Sao Tome and Principe'],
  ['SUR', 'Suriname'],
  ['SVK', 'Slovakia'],
  ['SVN', 'Slovenia'],
  ['SWE', 'Sweden'],
  ['SWZ', 'Eswatini'],
  ['SXM', 'Sint Maarten (Dutch part)'],
  ['SYC', 'Seychelles'],
  ['SYR', 'Syria'],
  ['TCA', 'Turks and Caicos Islands'],
  ['TCD', 'Chad'],
  ['TGO', 'Togo'],
  ['THA', 'Thailand'],
  ['TJK', 'Tajikistan'],
  ['TKL', 'Tokelau'],
  ['TKM', 'Turkmenistan'],
  ['TLS', 'Timor-Leste'],
  ['TON', 'Tonga'],
  ['TTO', 'Trinidad and Tobago'],
  ['TUN', 'Tunisia'],
  ['TUR', 'Türkiye'],
  ['TUV', 'Tuvalu'],
  ['TWN', 'Taiwan'],
  ['TZA', 'Tanzania'],
  ['UGA', 'Uganda'],
  ['UKR', 'Ukraine'],
  ['UMI', 'United States Minor Outlying Islands'],
  ['URY', 'Uruguay'],
  ['USA', 'United States'],
  ['UZB', 'Uzbekistan'],
  ['VAT', 'Holy See'],
  ['VCT', 'Saint Vincent and the Grenadines'],
  ['VEN', 'Venezuela'],
  ['VGB', 'British Virgin Islands'],
  ['VIR', 'United States Virgin Islands'],
  ['VNM', 'Viet Nam'],
  ['VUT', 'Vanuatu'],
  ['WLF', 'Wallis and Futuna'],
  ['WSM', 'Samoa'],
  ['YEM', 'Yemen'],
  ['ZAF', 'South Africa'],
  ['ZMB', 'Zambia'],
  ['ZWE', 'Zimbabwe'],
];

const icaoOnly: readonly IcaoCode[] = [
  { code: 'D', name: 'Germany', kind: 'state' },
  { code: 'RKS', name: 'Kosovo', kind: 'state' },
  { code: 'GBD', name: 'British Overseas Territories Citizen', kind: 'special' },
  { code: 'GBN', name: 'British National (Overseas)', kind: 'special' },
  { code: 'GBO', name: 'British Overseas Citizen', kind: 'special' },
  { code: 'GBP', name: 'British Protected Person', kind: 'special' },
  { code: 'GBS', name: 'British Subject', kind: 'special' },
  { code: 'UNK', name: 'Resident of Kosovo, travel document issued by UNMIK', kind: 'special' },
  { code: 'XXA', name: 'Stateless person (1954 Convention)', kind: 'special' },
  { code: 'XXB', name: 'Refugee (1951 Convention and 1967 Protocol)', kind: 'special' },
  { code: 'XXC', name: 'Refugee (other than under the 1951 Convention)', kind: 'special' },
  { code: 'XXX', name: 'Unspecified nationality', kind: 'special' },
  { code: 'UNO', name: 'United Nations Organization', kind: 'organisation' },
  { code: 'UNA', name: 'Specialized agency of the United Nations', kind: 'organisation' },
  { code: 'EUE', name: 'European Union', kind: 'organisation' },
  { code: 'XBA', name: 'African Development Bank', kind: 'organisation' },
  { code: 'XIM', name: 'African Export-Import Bank', kind: 'organisation' },
  { code: 'XCC', name: 'Caribbean Community (CARICOM)', kind: 'organisation' },
  { code: 'XCE', name: 'Council of Europe', kind: 'organisation' },
  { code: 'XCO', name: 'Common Market for Eastern and Southern Africa (COMESA)', kind: 'organisation' },
  { code: 'XEC', name: 'Economic Community of West African States (ECOWAS)', kind: 'organisation' },
  { code: 'XPO', name: 'International Criminal Police Organization (INTERPOL)', kind: 'organisation' },
  { code: 'XES', name: 'Organisation of Eastern Caribbean States', kind: 'organisation' },
  { code: 'XMP', name: 'Parliamentary Assembly of the Mediterranean', kind: 'organisation' },
  { code: 'XOM', name: 'Sovereign Military Order of Malta', kind: 'organisation' },
  { code: 'XDC', name: 'Southern African Development Community (SADC)', kind: 'organisation' },
];

function byCode(a: IcaoCode, b: IcaoCode): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Every code, sorted by code. */
export const icaoCodes: readonly IcaoCode[] = [
  ...iso.map(([code, name]): IcaoCode => ({ code, name, kind: 'state' })),
  ...icaoOnly,
].sort(byCode);

const byCanonical: ReadonlyMap<string, IcaoCode> = new Map(icaoCodes.map((c) => [c.code, c] as const));

/**
 * The canonical form of `code` if it is written as a code (`D`, `GBR`) or as
 * a three-character MRZ field (`D<<`); `undefined` for anything else. Does not
 * check membership.
 */
function canonicalForm(code: string): string | undefined {
  if (/^[A-Z]{1,3}$/.test(code)) return code;
  if (/^[A-Z]{1,2}<{1,2}$/.test(code) && code.length === 3) return code.replace(/<+$/, '');
  return undefined;
}

/** The entry for `code` (canonical or MRZ-field form), or `undefined`. */
export function icaoCode(code: string): IcaoCode | undefined {
  const canonical = canonicalForm(code);
  return canonical === undefined ? undefined : byCanonical.get(canonical);
}

/** True if `code` is a Doc 9303 code, written canonically (`D`) or as the MRZ field (`D<<`). */
export function isIcaoCode(code: string): boolean {
  return icaoCode(code) !== undefined;
}

/** The English name for `code` (either form), or `undefined` if it is not a Doc 9303 code. */
export function icaoName(code: string): string | undefined {
  return icaoCode(code)?.name;
}

/** The canonical form of a known code (`D<<` → `D`), or `undefined` if it is not one. */
export function canonicalIcaoCode(code: string): string | undefined {
  return icaoCode(code)?.code;
}

/** The three-character MRZ field for a code of 1 to 3 letters (`D` → `D<<`). Does not check membership. */
export function icaoCodeField(code: string): string {
  if (!/^[A-Z]{1,3}$/.test(code)) throw new RangeError(`'${code}' is not 1 to 3 upper-case letters`);
  return code.padEnd(3, '<');
}
