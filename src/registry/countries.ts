/**
 * INTERPOL member countries, with ISO 3166-1 codes.
 *
 * COUNT: 196 (INTERPOL's stated membership since 29 November 2023).
 *
 * The count was reached as follows, so it can be checked again later:
 *   - The 193 UN member states, less the 2 that are not INTERPOL members:
 *     North Korea (KP/PRK) and Tuvalu (TV/TUV). That leaves 191.
 *   - Plus the 5 members that are not UN member states:
 *       State of Palestine (PS/PSE), admitted 2017;
 *       Vatican City State (VA/VAT);
 *       Aruba (AW/ABW), Curaçao (CW/CUW) and Sint Maarten (SX/SXM), which are
 *       constituent countries of the Kingdom of the Netherlands and INTERPOL
 *       members in their own right. Curaçao and Sint Maarten were admitted in
 *       2011, when the Netherlands Antilles was dissolved.
 *     191 + 5 = 196.
 *
 * Recent admissions, for the record: Solomon Islands and State of Palestine
 * (2017, to 192); Vanuatu and Kiribati (2018, to 194); Federated States of
 * Micronesia (2021, 195th); Palau (2023, 196th). Nauru was a member long
 * before 2021. Micronesia, not Nauru, was the 2021 admission.
 *
 * Not members (so deliberately absent): Kosovo (XK, a user-assigned code, not
 * ISO; its application was rejected in 2018), Taiwan (TW), North Korea (KP),
 * Tuvalu (TV). Hong Kong (HK) and Macao (MO) are sub-bureaus of China's NCB,
 * and Puerto Rico, American Samoa, Bermuda, Gibraltar and the like are
 * sub-bureaus of their sovereign's NCB. None of these is a member country.
 *
 * Names are common English short names, not the long ISO forms.
 *
 * REGIONS. Each country has exactly one of INTERPOL's five regional groupings,
 * the ones its regional conferences, committees and regional bureaus are
 * organised around. INTERPOL's statutory regions (which elect the Executive
 * Committee) are only four: Africa, the Americas, Asia (with the South
 * Pacific) and Europe. The fifth, Middle East and North Africa (MENA), is
 * carved out of Africa and Asia for the MENA chiefs-of-police and NCB-heads
 * meetings and the planned Riyadh regional bureau. Rules, in order:
 *   1. MENA = the Arab League states of the Middle East and North Africa:
 *      Algeria, Bahrain, Egypt, Iraq, Jordan, Kuwait, Lebanon, Libya,
 *      Mauritania, Morocco, Oman, Palestine, Qatar, Saudi Arabia, Sudan, Syria,
 *      Tunisia, UAE, Yemen. Mauritania and Sudan go here, not to Africa: both
 *      sit at INTERPOL's MENA police-chiefs meetings. The Arab League's other
 *      three members, Comoros, Djibouti and Somalia, go to Africa: they work
 *      through the sub-Saharan regional structures. Iran and Israel are not
 *      MENA under this rule.
 *   2. Europe = geographic Europe (Russia, Belarus and the Vatican included)
 *      plus Turkey, Cyprus, the South Caucasus (Armenia, Azerbaijan, Georgia)
 *      and Israel. Israel belongs to INTERPOL's European Committee and hosted
 *      the European Regional Conference in 2012. Turkey's NCB head has been
 *      elected Delegate for Europe.
 *   3. Asia and South Pacific = the rest of Asia, Central Asia included
 *      (Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan), and
 *      Iran, Afghanistan and Oceania.
 *   4. Americas = North, Central and South America and the Caribbean, Aruba,
 *      Curaçao and Sint Maarten included.
 *   5. Africa = every other African state, Cabo Verde, Comoros, Madagascar,
 *      Mauritius, Sao Tome and Principe and Seychelles included.
 * INTERPOL publishes no single binding five-way list, so this is a considered
 * grouping, not a quotation. Change an assignment here and in the tests.
 */

/** INTERPOL's five regional groupings, in display order. */
export const REGIONS = [
  { id: 'africa', name: 'Africa' },
  { id: 'americas', name: 'Americas' },
  { id: 'asia-south-pacific', name: 'Asia and South Pacific' },
  { id: 'europe', name: 'Europe' },
  { id: 'middle-east-north-africa', name: 'Middle East and North Africa' },
] as const satisfies readonly { readonly id: string; readonly name: string }[];

export type Region = (typeof REGIONS)[number]['id'];

export interface Country {
  readonly alpha2: string;
  readonly alpha3: string;
  readonly name: string;
  readonly region: Region;
}

/** Number of member countries stated above. Tests check the list against it. */
export const MEMBER_COUNTRY_COUNT = 196;

export const countries: readonly Country[] = [
  { alpha2: 'AD', alpha3: 'AND', name: 'Andorra', region: 'europe' },
  { alpha2: 'AE', alpha3: 'ARE', name: 'United Arab Emirates', region: 'middle-east-north-africa' },
  { alpha2: 'AF', alpha3: 'AFG', name: 'Afghanistan', region: 'asia-south-pacific' },
  { alpha2: 'AG', alpha3: 'ATG', name: 'Antigua and Barbuda', region: 'americas' },
  { alpha2: 'AL', alpha3: 'ALB', name: 'Albania', region: 'europe' },
  { alpha2: 'AM', alpha3: 'ARM', name: 'Armenia', region: 'europe' },
  { alpha2: 'AO', alpha3: 'AGO', name: 'Angola', region: 'africa' },
  { alpha2: 'AR', alpha3: 'ARG', name: 'Argentina', region: 'americas' },
  { alpha2: 'AT', alpha3: 'AUT', name: 'Austria', region: 'europe' },
  { alpha2: 'AU', alpha3: 'AUS', name: 'Australia', region: 'asia-south-pacific' },
  { alpha2: 'AW', alpha3: 'ABW', name: 'Aruba', region: 'americas' },
  { alpha2: 'AZ', alpha3: 'AZE', name: 'Azerbaijan', region: 'europe' },
  { alpha2: 'BA', alpha3: 'BIH', name: 'Bosnia and Herzegovina', region: 'europe' },
  { alpha2: 'BB', alpha3: 'BRB', name: 'Barbados', region: 'americas' },
  { alpha2: 'BD', alpha3: 'BGD', name: 'Bangladesh', region: 'asia-south-pacific' },
  { alpha2: 'BE', alpha3: 'BEL', name: 'Belgium', region: 'europe' },
  { alpha2: 'BF', alpha3: 'BFA', name: 'Burkina Faso', region: 'africa' },
  { alpha2: 'BG', alpha3: 'BGR', name: 'Bulgaria', region: 'europe' },
  { alpha2: 'BH', alpha3: 'BHR', name: 'Bahrain', region: 'middle-east-north-africa' },
  { alpha2: 'BI', alpha3: 'BDI', name: 'Burundi', region: 'africa' },
  { alpha2: 'BJ', alpha3: 'BEN', name: 'Benin', region: 'africa' },
  { alpha2: 'BN', alpha3: 'BRN', name: 'Brunei', region: 'asia-south-pacific' },
  { alpha2: 'BO', alpha3: 'BOL', name: 'Bolivia', region: 'americas' },
  { alpha2: 'BR', alpha3: 'BRA', name: 'Brazil', region: 'americas' },
  { alpha2: 'BS', alpha3: 'BHS', name: 'Bahamas', region: 'americas' },
  { alpha2: 'BT', alpha3: 'BTN', name: 'Bhutan', region: 'asia-south-pacific' },
  { alpha2: 'BW', alpha3: 'BWA', name: 'Botswana', region: 'africa' },
  { alpha2: 'BY', alpha3: 'BLR', name: 'Belarus', region: 'europe' },
  { alpha2: 'BZ', alpha3: 'BLZ', name: 'Belize', region: 'americas' },
  { alpha2: 'CA', alpha3: 'CAN', name: 'Canada', region: 'americas' },
  { alpha2: 'CD', alpha3: 'COD', name: 'Democratic Republic of the Congo', region: 'africa' },
  { alpha2: 'CF', alpha3: 'CAF', name: 'Central African Republic', region: 'africa' },
  { alpha2: 'CG', alpha3: 'COG', name: 'Congo', region: 'africa' },
  { alpha2: 'CH', alpha3: 'CHE', name: 'Switzerland', region: 'europe' },
  { alpha2: 'CI', alpha3: 'CIV', name: "Côte d'Ivoire", region: 'africa' },
  { alpha2: 'CL', alpha3: 'CHL', name: 'Chile', region: 'americas' },
  { alpha2: 'CM', alpha3: 'CMR', name: 'Cameroon', region: 'africa' },
  { alpha2: 'CN', alpha3: 'CHN', name: 'China', region: 'asia-south-pacific' },
  { alpha2: 'CO', alpha3: 'COL', name: 'Colombia', region: 'americas' },
  { alpha2: 'CR', alpha3: 'CRI', name: 'Costa Rica', region: 'americas' },
  { alpha2: 'CU', alpha3: 'CUB', name: 'Cuba', region: 'americas' },
  { alpha2: 'CV', alpha3: 'CPV', name: 'Cabo Verde', region: 'africa' },
  { alpha2: 'CW', alpha3: 'CUW', name: 'Curaçao', region: 'americas' },
  { alpha2: 'CY', alpha3: 'CYP', name: 'Cyprus', region: 'europe' },
  { alpha2: 'CZ', alpha3: 'CZE', name: 'Czechia', region: 'europe' },
  { alpha2: 'DE', alpha3: 'DEU', name: 'Germany', region: 'europe' },
  { alpha2: 'DJ', alpha3: 'DJI', name: 'Djibouti', region: 'africa' },
  { alpha2: 'DK', alpha3: 'DNK', name: 'Denmark', region: 'europe' },
  { alpha2: 'DM', alpha3: 'DMA', name: 'Dominica', region: 'americas' },
  { alpha2: 'DO', alpha3: 'DOM', name: 'Dominican Republic', region: 'americas' },
  { alpha2: 'DZ', alpha3: 'DZA', name: 'Algeria', region: 'middle-east-north-africa' },
  { alpha2: 'EC', alpha3: 'ECU', name: 'Ecuador', region: 'americas' },
  { alpha2: 'EE', alpha3: 'EST', name: 'Estonia', region: 'europe' },
  { alpha2: 'EG', alpha3: 'EGY', name: 'Egypt', region: 'middle-east-north-africa' },
  { alpha2: 'ER', alpha3: 'ERI', name: 'Eritrea', region: 'africa' },
  { alpha2: 'ES', alpha3: 'ESP', name: 'Spain', region: 'europe' },
  { alpha2: 'ET', alpha3: 'ETH', name: 'Ethiopia', region: 'africa' },
  { alpha2: 'FI', alpha3: 'FIN', name: 'Finland', region: 'europe' },
  { alpha2: 'FJ', alpha3: 'FJI', name: 'Fiji', region: 'asia-south-pacific' },
  { alpha2: 'FM', alpha3: 'FSM', name: 'Micronesia', region: 'asia-south-pacific' },
  { alpha2: 'FR', alpha3: 'FRA', name: 'France', region: 'europe' },
  { alpha2: 'GA', alpha3: 'GAB', name: 'Gabon', region: 'africa' },
  { alpha2: 'GB', alpha3: 'GBR', name: 'United Kingdom', region: 'europe' },
  { alpha2: 'GD', alpha3: 'GRD', name: 'Grenada', region: 'americas' },
  { alpha2: 'GE', alpha3: 'GEO', name: 'Georgia', region: 'europe' },
  { alpha2: 'GH', alpha3: 'GHA', name: 'Ghana', region: 'africa' },
  { alpha2: 'GM', alpha3: 'GMB', name: 'Gambia', region: 'africa' },
  { alpha2: 'GN', alpha3: 'GIN', name: 'Guinea', region: 'africa' },
  { alpha2: 'GQ', alpha3: 'GNQ', name: 'Equatorial Guinea', region: 'africa' },
  { alpha2: 'GR', alpha3: 'GRC', name: 'Greece', region: 'europe' },
  { alpha2: 'GT', alpha3: 'GTM', name: 'Guatemala', region: 'americas' },
  { alpha2: 'GW', alpha3: 'GNB', name: 'Guinea-Bissau', region: 'africa' },
  { alpha2: 'GY', alpha3: 'GUY', name: 'Guyana', region: 'americas' },
  { alpha2: 'HN', alpha3: 'HND', name: 'Honduras', region: 'americas' },
  { alpha2: 'HR', alpha3: 'HRV', name: 'Croatia', region: 'europe' },
  { alpha2: 'HT', alpha3: 'HTI', name: 'Haiti', region: 'americas' },
  { alpha2: 'HU', alpha3: 'HUN', name: 'Hungary', region: 'europe' },
  { alpha2: 'ID', alpha3: 'IDN', name: 'Indonesia', region: 'asia-south-pacific' },
  { alpha2: 'IE', alpha3: 'IRL', name: 'Ireland', region: 'europe' },
  { alpha2: 'IL', alpha3: 'ISR', name: 'Israel', region: 'europe' },
  { alpha2: 'IN', alpha3: 'IND', name: 'India', region: 'asia-south-pacific' },
  { alpha2: 'IQ', alpha3: 'IRQ', name: 'Iraq', region: 'middle-east-north-africa' },
  { alpha2: 'IR', alpha3: 'IRN', name: 'Iran', region: 'asia-south-pacific' },
  { alpha2: 'IS', alpha3: 'ISL', name: 'Iceland', region: 'europe' },
  { alpha2: 'IT', alpha3: 'ITA', name: 'Italy', region: 'europe' },
  { alpha2: 'JM', alpha3: 'JAM', name: 'Jamaica', region: 'americas' },
  { alpha2: 'JO', alpha3: 'JOR', name: 'Jordan', region: 'middle-east-north-africa' },
  { alpha2: 'JP', alpha3: 'JPN', name: 'Japan', region: 'asia-south-pacific' },
  { alpha2: 'KE', alpha3: 'KEN', name: 'Kenya', region: 'africa' },
  { alpha2: 'KG', alpha3: 'KGZ', name: 'Kyrgyzstan', region: 'asia-south-pacific' },
  { alpha2: 'KH', alpha3: 'KHM', name: 'Cambodia', region: 'asia-south-pacific' },
  { alpha2: 'KI', alpha3: 'KIR', name: 'Kiribati', region: 'asia-south-pacific' },
  { alpha2: 'KM', alpha3: 'COM', name: 'Comoros', region: 'africa' },
  { alpha2: 'KN', alpha3: 'KNA', name: 'Saint Kitts and Nevis', region: 'americas' },
  { alpha2: 'KR', alpha3: 'KOR', name: 'Republic of Korea', region: 'asia-south-pacific' },
  { alpha2: 'KW', alpha3: 'KWT', name: 'Kuwait', region: 'middle-east-north-africa' },
  { alpha2: 'KZ', alpha3: 'KAZ', name: 'Kazakhstan', region: 'asia-south-pacific' },
  { alpha2: 'LA', alpha3: 'LAO', name: 'Laos', region: 'asia-south-pacific' },
  { alpha2: 'LB', alpha3: 'LBN', name: 'Lebanon', region: 'middle-east-north-africa' },
  { alpha2: 'LC', alpha3: 'LCA', name: 'Saint Lucia', region: 'americas' },
  { alpha2: 'LI', alpha3: 'LIE', name: 'Liechtenstein', region: 'europe' },
  { alpha2: 'LK', alpha3: 'LKA', name: 'Sri Lanka', region: 'asia-south-pacific' },
  { alpha2: 'LR', alpha3: 'LBR', name: 'Liberia', region: 'africa' },
  { alpha2: 'LS', alpha3: 'LSO', name: 'Lesotho', region: 'africa' },
  { alpha2: 'LT', alpha3: 'LTU', name: 'Lithuania', region: 'europe' },
  { alpha2: 'LU', alpha3: 'LUX', name: 'Luxembourg', region: 'europe' },
  { alpha2: 'LV', alpha3: 'LVA', name: 'Latvia', region: 'europe' },
  { alpha2: 'LY', alpha3: 'LBY', name: 'Libya', region: 'middle-east-north-africa' },
  { alpha2: 'MA', alpha3: 'MAR', name: 'Morocco', region: 'middle-east-north-africa' },
  { alpha2: 'MC', alpha3: 'MCO', name: 'Monaco', region: 'europe' },
  { alpha2: 'MD', alpha3: 'MDA', name: 'Moldova', region: 'europe' },
  { alpha2: 'ME', alpha3: 'MNE', name: 'Montenegro', region: 'europe' },
  { alpha2: 'MG', alpha3: 'MDG', name: 'Madagascar', region: 'africa' },
  { alpha2: 'MH', alpha3: 'MHL', name: 'Marshall Islands', region: 'asia-south-pacific' },
  { alpha2: 'MK', alpha3: 'MKD', name: 'North Macedonia', region: 'europe' },
  { alpha2: 'ML', alpha3: 'MLI', name: 'Mali', region: 'africa' },
  { alpha2: 'MM', alpha3: 'MMR', name: 'Myanmar', region: 'asia-south-pacific' },
  { alpha2: 'MN', alpha3: 'MNG', name: 'Mongolia', region: 'asia-south-pacific' },
  { alpha2: 'MR', alpha3: 'MRT', name: 'Mauritania', region: 'middle-east-north-africa' },
  { alpha2: 'MT', alpha3: 'MLT', name: 'Malta', region: 'europe' },
  { alpha2: 'MU', alpha3: 'MUS', name: 'Mauritius', region: 'africa' },
  { alpha2: 'MV', alpha3: 'MDV', name: 'Maldives', region: 'asia-south-pacific' },
  { alpha2: 'MW', alpha3: 'MWI', name: 'Malawi', region: 'africa' },
  { alpha2: 'MX', alpha3: 'MEX', name: 'Mexico', region: 'americas' },
  { alpha2: 'MY', alpha3: 'MYS', name: 'Malaysia', region: 'asia-south-pacific' },
  { alpha2: 'MZ', alpha3: 'MOZ', name: 'Mozambique', region: 'africa' },
  { alpha2: 'NA', alpha3: 'NAM', name: 'Namibia', region: 'africa' },
  { alpha2: 'NE', alpha3: 'NER', name: 'Niger', region: 'africa' },
  { alpha2: 'NG', alpha3: 'NGA', name: 'Nigeria', region: 'africa' },
  { alpha2: 'NI', alpha3: 'NIC', name: 'Nicaragua', region: 'americas' },
  { alpha2: 'NL', alpha3: 'NLD', name: 'Netherlands', region: 'europe' },
  { alpha2: 'NO', alpha3: 'NOR', name: 'Norway', region: 'europe' },
  { alpha2: 'NP', alpha3: 'NPL', name: 'Nepal', region: 'asia-south-pacific' },
  { alpha2: 'NR', alpha3: 'NRU', name: 'Nauru', region: 'asia-south-pacific' },
  { alpha2: 'NZ', alpha3: 'NZL', name: 'New Zealand', region: 'asia-south-pacific' },
  { alpha2: 'OM', alpha3: 'OMN', name: 'Oman', region: 'middle-east-north-africa' },
  { alpha2: 'PA', alpha3: 'PAN', name: 'Panama', region: 'americas' },
  { alpha2: 'PE', alpha3: 'PER', name: 'Peru', region: 'americas' },
  { alpha2: 'PG', alpha3: 'PNG', name: 'Papua New Guinea', region: 'asia-south-pacific' },
  { alpha2: 'PH', alpha3: 'PHL', name: 'Philippines', region: 'asia-south-pacific' },
  { alpha2: 'PK', alpha3: 'PAK', name: 'Pakistan', region: 'asia-south-pacific' },
  { alpha2: 'PL', alpha3: 'POL', name: 'Poland', region: 'europe' },
  { alpha2: 'PS', alpha3: 'PSE', name: 'State of Palestine', region: 'middle-east-north-africa' },
  { alpha2: 'PT', alpha3: 'PRT', name: 'Portugal', region: 'europe' },
  { alpha2: 'PW', alpha3: 'PLW', name: 'Palau', region: 'asia-south-pacific' },
  { alpha2: 'PY', alpha3: 'PRY', name: 'Paraguay', region: 'americas' },
  { alpha2: 'QA', alpha3: 'QAT', name: 'Qatar', region: 'middle-east-north-africa' },
  { alpha2: 'RO', alpha3: 'ROU', name: 'Romania', region: 'europe' },
  { alpha2: 'RS', alpha3: 'SRB', name: 'Serbia', region: 'europe' },
  { alpha2: 'RU', alpha3: 'RUS', name: 'Russia', region: 'europe' },
  { alpha2: 'RW', alpha3: 'RWA', name: 'Rwanda', region: 'africa' },
  { alpha2: 'SA', alpha3: 'SAU', name: 'Saudi Arabia', region: 'middle-east-north-africa' },
  { alpha2: 'SB', alpha3: 'SLB', name: 'Solomon Islands', region: 'asia-south-pacific' },
  { alpha2: 'SC', alpha3: 'SYC', name: 'Seychelles', region: 'africa' },
  { alpha2: 'SD', alpha3: 'SDN', name: 'Sudan', region: 'middle-east-north-africa' },
  { alpha2: 'SE', alpha3: 'SWE', name: 'Sweden', region: 'europe' },
  { alpha2: 'SG', alpha3: 'SGP', name: 'Singapore', region: 'asia-south-pacific' },
  { alpha2: 'SI', alpha3: 'SVN', name: 'Slovenia', region: 'europe' },
  { alpha2: 'SK', alpha3: 'SVK', name: 'Slovakia', region: 'europe' },
  { alpha2: 'SL', alpha3: 'SLE', name: 'Sierra Leone', region: 'africa' },
  { alpha2: 'SM', alpha3: 'SMR', name: 'San Marino', region: 'europe' },
  { alpha2: 'SN', alpha3: 'SEN', name: 'Senegal', region: 'africa' },
  { alpha2: 'SO', alpha3: 'SOM', name: 'Somalia', region: 'africa' },
  { alpha2: 'SR', alpha3: 'SUR', name: 'Suriname', region: 'americas' },
  { alpha2: 'SS', alpha3: 'SSD', name: 'South Sudan', region: 'africa' },
  { alpha2: 'ST', alpha3: 'STP', name: 'Sao Tome and Principe', region: 'africa' },
  { alpha2: 'SV', alpha3: 'SLV', name: 'El Salvador', region: 'americas' },
  { alpha2: 'SX', alpha3: 'SXM', name: 'Sint Maarten', region: 'americas' },
  { alpha2: 'SY', alpha3: 'SYR', name: 'Syria', region: 'middle-east-north-africa' },
  { alpha2: 'SZ', alpha3: 'SWZ', name: 'Eswatini', region: 'africa' },
  { alpha2: 'TD', alpha3: 'TCD', name: 'Chad', region: 'africa' },
  { alpha2: 'TG', alpha3: 'TGO', name: 'Togo', region: 'africa' },
  { alpha2: 'TH', alpha3: 'THA', name: 'Thailand', region: 'asia-south-pacific' },
  { alpha2: 'TJ', alpha3: 'TJK', name: 'Tajikistan', region: 'asia-south-pacific' },
  { alpha2: 'TL', alpha3: 'TLS', name: 'Timor-Leste', region: 'asia-south-pacific' },
  { alpha2: 'TM', alpha3: 'TKM', name: 'Turkmenistan', region: 'asia-south-pacific' },
  { alpha2: 'TN', alpha3: 'TUN', name: 'Tunisia', region: 'middle-east-north-africa' },
  { alpha2: 'TO', alpha3: 'TON', name: 'Tonga', region: 'asia-south-pacific' },
  { alpha2: 'TR', alpha3: 'TUR', name: 'Türkiye', region: 'europe' },
  { alpha2: 'TT', alpha3: 'TTO', name: 'Trinidad and Tobago', region: 'americas' },
  { alpha2: 'TZ', alpha3: 'TZA', name: 'Tanzania', region: 'africa' },
  { alpha2: 'UA', alpha3: 'UKR', name: 'Ukraine', region: 'europe' },
  { alpha2: 'UG', alpha3: 'UGA', name: 'Uganda', region: 'africa' },
  { alpha2: 'US', alpha3: 'USA', name: 'United States', region: 'americas' },
  { alpha2: 'UY', alpha3: 'URY', name: 'Uruguay', region: 'americas' },
  { alpha2: 'UZ', alpha3: 'UZB', name: 'Uzbekistan', region: 'asia-south-pacific' },
  { alpha2: 'VA', alpha3: 'VAT', name: 'Vatican City State', region: 'europe' },
  { alpha2: 'VC', alpha3: 'VCT', name: 'Saint Vincent and the Grenadines', region: 'americas' },
  { alpha2: 'VE', alpha3: 'VEN', name: 'Venezuela', region: 'americas' },
  { alpha2: 'VN', alpha3: 'VNM', name: 'Viet Nam', region: 'asia-south-pacific' },
  { alpha2: 'VU', alpha3: 'VUT', name: 'Vanuatu', region: 'asia-south-pacific' },
  { alpha2: 'WS', alpha3: 'WSM', name: 'Samoa', region: 'asia-south-pacific' },
  { alpha2: 'YE', alpha3: 'YEM', name: 'Yemen', region: 'middle-east-north-africa' },
  { alpha2: 'ZA', alpha3: 'ZAF', name: 'South Africa', region: 'africa' },
  { alpha2: 'ZM', alpha3: 'ZMB', name: 'Zambia', region: 'africa' },
  { alpha2: 'ZW', alpha3: 'ZWE', name: 'Zimbabwe', region: 'africa' },
];

export const countryByAlpha2: ReadonlyMap<string, Country> = new Map(
  countries.map((c) => [c.alpha2, c] as const),
);

export const countryByAlpha3: ReadonlyMap<string, Country> = new Map(
  countries.map((c) => [c.alpha3, c] as const),
);

/** True if `code` is the ISO 3166-1 alpha-2 code of a member country. Exact match: upper case only. */
export function isMemberCountryCode(code: string): boolean {
  return countryByAlpha2.has(code);
}

const codesByRegion: ReadonlyMap<Region, readonly string[]> = new Map(
  REGIONS.map((r) => [r.id, Object.freeze(countries.filter((c) => c.region === r.id).map((c) => c.alpha2))] as const),
);

/** Alpha-2 codes of the member countries in `region`, sorted. Unknown regions (from untyped callers) give an empty list. */
export function countriesInRegion(region: Region): readonly string[] {
  return codesByRegion.get(region) ?? [];
}
