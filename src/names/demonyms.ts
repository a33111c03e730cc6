/**
 * Demonyms (the adjective of a country) → the country, so that "Russian foreign
 * minister" and "Qatari prime minister" find the posts held in Russia and Qatar.
 * Neither i18n-iso-countries nor countries-list carries demonyms, so this is a
 * small table of our own: ISO 3166-1 alpha-3 code, the short English name, and
 * adjectives as written (folded and matched by the normaliser). Add rows as
 * the graph needs them; a country absent here is still found by its name.
 */
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

export interface Demonym {
  iso: string;
  name: string;
  adjectives: readonly string[];
  /** Other names news uses for the country ("Britain", "the US"). */
  aliases?: readonly string[];
  /** The capital, which news lets speak for the government ("Moscow said"). */
  capital?: string;
}

export const DEMONYMS: readonly Demonym[] = [
  { iso: 'AFG', name: 'Afghanistan', adjectives: ['Afghan'], capital: 'Kabul' },
  { iso: 'ALB', name: 'Albania', adjectives: ['Albanian'] },
  { iso: 'DZA', name: 'Algeria', adjectives: ['Algerian'], capital: 'Algiers' },
  {
    iso: 'ARG',
    name: 'Argentina',
    adjectives: ['Argentine', 'Argentinian'],
    capital: 'Buenos Aires',
  },
  { iso: 'ARM', name: 'Armenia', adjectives: ['Armenian'], capital: 'Yerevan' },
  { iso: 'AUS', name: 'Australia', adjectives: ['Australian'], capital: 'Canberra' },
  { iso: 'AUT', name: 'Austria', adjectives: ['Austrian'], capital: 'Vienna' },
  { iso: 'AZE', name: 'Azerbaijan', adjectives: ['Azerbaijani', 'Azeri'], capital: 'Baku' },
  { iso: 'BHR', name: 'Bahrain', adjectives: ['Bahraini'] },
  { iso: 'BGD', name: 'Bangladesh', adjectives: ['Bangladeshi'] },
  { iso: 'BLR', name: 'Belarus', adjectives: ['Belarusian'], capital: 'Minsk' },
  { iso: 'BEL', name: 'Belgium', adjectives: ['Belgian'] },
  { iso: 'BOL', name: 'Bolivia', adjectives: ['Bolivian'] },
  { iso: 'BRA', name: 'Brazil', adjectives: ['Brazilian'], capital: 'Brasilia' },
  { iso: 'BGR', name: 'Bulgaria', adjectives: ['Bulgarian'] },
  { iso: 'CAN', name: 'Canada', adjectives: ['Canadian'], capital: 'Ottawa' },
  { iso: 'CHL', name: 'Chile', adjectives: ['Chilean'] },
  {
    iso: 'CHN',
    name: 'China',
    adjectives: ['Chinese'],
    aliases: ["People's Republic of China", 'PRC'],
    capital: 'Beijing',
  },
  { iso: 'COL', name: 'Colombia', adjectives: ['Colombian'] },
  { iso: 'HRV', name: 'Croatia', adjectives: ['Croatian'] },
  { iso: 'CUB', name: 'Cuba', adjectives: ['Cuban'], capital: 'Havana' },
  { iso: 'CYP', name: 'Cyprus', adjectives: ['Cypriot'] },
  { iso: 'CZE', name: 'Czechia', adjectives: ['Czech'], aliases: ['Czech Republic'] },
  { iso: 'DNK', name: 'Denmark', adjectives: ['Danish'] },
  { iso: 'EGY', name: 'Egypt', adjectives: ['Egyptian'], capital: 'Cairo' },
  { iso: 'EST', name: 'Estonia', adjectives: ['Estonian'] },
  { iso: 'ETH', name: 'Ethiopia', adjectives: ['Ethiopian'] },
  { iso: 'FIN', name: 'Finland', adjectives: ['Finnish'] },
  { iso: 'FRA', name: 'France', adjectives: ['French'], capital: 'Paris' },
  { iso: 'GEO', name: 'Georgia', adjectives: ['Georgian'], capital: 'Tbilisi' },
  { iso: 'DEU', name: 'Germany', adjectives: ['German'], capital: 'Berlin' },
  { iso: 'GRC', name: 'Greece', adjectives: ['Greek'] },
  { iso: 'HUN', name: 'Hungary', adjectives: ['Hungarian'], capital: 'Budapest' },
  { iso: 'IND', name: 'India', adjectives: ['Indian'], capital: 'New Delhi' },
  { iso: 'IDN', name: 'Indonesia', adjectives: ['Indonesian'], capital: 'Jakarta' },
  {
    iso: 'IRN',
    name: 'Iran',
    adjectives: ['Iranian'],
    aliases: ['Islamic Republic of Iran'],
    capital: 'Tehran',
  },
  { iso: 'IRQ', name: 'Iraq', adjectives: ['Iraqi'], capital: 'Baghdad' },
  { iso: 'IRL', name: 'Ireland', adjectives: ['Irish'] },
  { iso: 'ISR', name: 'Israel', adjectives: ['Israeli'] },
  { iso: 'ITA', name: 'Italy', adjectives: ['Italian'], capital: 'Rome' },
  { iso: 'JPN', name: 'Japan', adjectives: ['Japanese'], capital: 'Tokyo' },
  { iso: 'JOR', name: 'Jordan', adjectives: ['Jordanian'], capital: 'Amman' },
  { iso: 'KAZ', name: 'Kazakhstan', adjectives: ['Kazakh', 'Kazakhstani'], capital: 'Astana' },
  { iso: 'KEN', name: 'Kenya', adjectives: ['Kenyan'] },
  { iso: 'KWT', name: 'Kuwait', adjectives: ['Kuwaiti'], capital: 'Kuwait City' },
  { iso: 'LVA', name: 'Latvia', adjectives: ['Latvian'] },
  { iso: 'LBN', name: 'Lebanon', adjectives: ['Lebanese'], capital: 'Beirut' },
  { iso: 'LBY', name: 'Libya', adjectives: ['Libyan'] },
  { iso: 'LTU', name: 'Lithuania', adjectives: ['Lithuanian'] },
  { iso: 'MYS', name: 'Malaysia', adjectives: ['Malaysian'], capital: 'Kuala Lumpur' },
  { iso: 'MEX', name: 'Mexico', adjectives: ['Mexican'], capital: 'Mexico City' },
  { iso: 'MAR', name: 'Morocco', adjectives: ['Moroccan'] },
  { iso: 'NLD', name: 'Netherlands', adjectives: ['Dutch'], aliases: ['Holland'] },
  { iso: 'NZL', name: 'New Zealand', adjectives: ['New Zealand'] },
  { iso: 'NGA', name: 'Nigeria', adjectives: ['Nigerian'] },
  {
    iso: 'PRK',
    name: 'North Korea',
    adjectives: ['North Korean'],
    aliases: ['DPRK'],
    capital: 'Pyongyang',
  },
  { iso: 'NOR', name: 'Norway', adjectives: ['Norwegian'] },
  { iso: 'OMN', name: 'Oman', adjectives: ['Omani'] },
  { iso: 'PAK', name: 'Pakistan', adjectives: ['Pakistani'], capital: 'Islamabad' },
  { iso: 'PSE', name: 'Palestine', adjectives: ['Palestinian'], aliases: ['State of Palestine'] },
  { iso: 'PER', name: 'Peru', adjectives: ['Peruvian'] },
  { iso: 'PHL', name: 'Philippines', adjectives: ['Philippine', 'Filipino'] },
  { iso: 'POL', name: 'Poland', adjectives: ['Polish'], capital: 'Warsaw' },
  { iso: 'PRT', name: 'Portugal', adjectives: ['Portuguese'] },
  { iso: 'QAT', name: 'Qatar', adjectives: ['Qatari'], capital: 'Doha' },
  { iso: 'ROU', name: 'Romania', adjectives: ['Romanian'] },
  {
    iso: 'RUS',
    name: 'Russia',
    adjectives: ['Russian'],
    aliases: ['Russian Federation'],
    capital: 'Moscow',
  },
  { iso: 'SAU', name: 'Saudi Arabia', adjectives: ['Saudi', 'Saudi Arabian'], capital: 'Riyadh' },
  { iso: 'SRB', name: 'Serbia', adjectives: ['Serbian'], capital: 'Belgrade' },
  { iso: 'SGP', name: 'Singapore', adjectives: ['Singaporean'] },
  { iso: 'SVK', name: 'Slovakia', adjectives: ['Slovak'] },
  { iso: 'SVN', name: 'Slovenia', adjectives: ['Slovenian', 'Slovene'] },
  { iso: 'ZAF', name: 'South Africa', adjectives: ['South African'] },
  {
    iso: 'KOR',
    name: 'South Korea',
    adjectives: ['South Korean'],
    aliases: ['Republic of Korea'],
    capital: 'Seoul',
  },
  { iso: 'ESP', name: 'Spain', adjectives: ['Spanish'] },
  { iso: 'SDN', name: 'Sudan', adjectives: ['Sudanese'] },
  { iso: 'SWE', name: 'Sweden', adjectives: ['Swedish'] },
  { iso: 'CHE', name: 'Switzerland', adjectives: ['Swiss'] },
  {
    iso: 'SYR',
    name: 'Syria',
    adjectives: ['Syrian'],
    aliases: ['Syrian Arab Republic'],
    capital: 'Damascus',
  },
  { iso: 'TWN', name: 'Taiwan', adjectives: ['Taiwanese'] },
  { iso: 'TUN', name: 'Tunisia', adjectives: ['Tunisian'] },
  {
    iso: 'TUR',
    name: 'Türkiye',
    adjectives: ['Turkish'],
    aliases: ['Turkey', 'Turkiye'],
    capital: 'Ankara',
  },
  { iso: 'UKR', name: 'Ukraine', adjectives: ['Ukrainian'], capital: 'Kyiv' },
  {
    iso: 'ARE',
    name: 'United Arab Emirates',
    adjectives: ['Emirati'],
    aliases: ['UAE', 'U.A.E.'],
    capital: 'Abu Dhabi',
  },
  {
    iso: 'GBR',
    name: 'United Kingdom',
    adjectives: ['British'],
    aliases: ['Britain', 'Great Britain', 'UK', 'U.K.'],
    capital: 'London',
  },
  {
    iso: 'USA',
    name: 'United States',
    adjectives: ['American', 'US', 'U.S.'],
    aliases: ['US', 'U.S.', 'USA', 'U.S.A.', 'America'],
    capital: 'Washington',
  },
  { iso: 'VEN', name: 'Venezuela', adjectives: ['Venezuelan'], capital: 'Caracas' },
  { iso: 'VNM', name: 'Vietnam', adjectives: ['Vietnamese'], aliases: ['Viet Nam'] },
  { iso: 'YEM', name: 'Yemen', adjectives: ['Yemeni'] },
];

const COUNTRY_BY_NAME = new Map(
  DEMONYMS.flatMap((d) =>
    [d.name, ...(d.aliases ?? [])].map((n) => [n.toLowerCase().replace(/^the\s+/, ''), d] as const),
  ),
);

/**
 * The country a name names ("Russia", "the United States", "Britain", and any other
 * ISO 3166 country by its English name: "Iceland"), or undefined: how the extractor tells a country speaking from an organisation when no
 * graph knows it. Case and a leading "the" do not count; "US" only in capitals.
 */
export function countryNamed(words: string): Demonym | undefined {
  const bare = words.trim().replace(/^the\s+/i, '');
  const found = COUNTRY_BY_NAME.get(bare.toLowerCase()) ?? iso3166Country(bare);
  if (!found) return undefined;
  // "us" is a pronoun: a short name counts only as written in capitals
  if (bare.replace(/\./g, '').length <= 3 && bare !== bare.toUpperCase()) return undefined;
  return found;
}

countries.registerLocale(english);

/**
 * A country the table lacks, by its English name in ISO 3166 (i18n-iso-countries:
 * "Iceland", "Chad"), as written with a capital; no adjectives, so a demonym
 * still needs a row above.
 */
function iso3166Country(name: string): Demonym | undefined {
  if (!/^\p{Lu}/u.test(name)) return undefined;
  const iso = countries.getAlpha3Code(name, 'en');
  if (!iso) return undefined;
  return {
    iso,
    name: countries.getName(iso, 'en', { select: 'official' }) ?? name,
    adjectives: [],
  };
}

const COUNTRY_BY_CAPITAL = new Map(
  DEMONYMS.filter((d) => d.capital).map((d) => [d.capital!.toLowerCase(), d] as const),
);

/**
 * The country whose capital a name is, as news lets a capital speak for its government
 * ("Moscow said", "Washington warned"), or undefined.
 */
export function countryOfCapital(words: string): Demonym | undefined {
  const bare = words.trim();
  return /^\p{Lu}/u.test(bare) ? COUNTRY_BY_CAPITAL.get(bare.toLowerCase()) : undefined;
}
