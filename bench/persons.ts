/**
 * Persons benchmark (issue 5): import rate, build time and memory of the
 * hub's name index, screening latency in process and over HTTP, screenings
 * per second — and beside it, in the same run, the peer a team would
 * otherwise build: PostgreSQL `pg_trgm` similarity over the same names with a
 * GIN trigram index.
 *
 *   npx tsx bench/persons.ts [--persons 1000000] [--queries 2000] [--http-seconds 8]
 *                            [--pg-queries 500] [--connections 32] [--seed 20261124] [--no-peer] [--data DIR]
 *
 * The import dominates a run (it goes through the API's own path). With
 * --data DIR the hub's data is kept in DIR and a later run with the same
 * --persons and --seed starts from it instead of importing again (screening
 * leaves its hits and audit entries there). Without it, everything is in a
 * temporary folder, removed at the end; the PostgreSQL schema is always dropped.
 *
 * Persons are generated deterministically (person i is a pure function of the
 * seed and i): names of 19 cultures in Latin, Cyrillic, Greek, Arabic,
 * Hebrew, Han, kanji/kana and Hangul, the native-script lists aligned with
 * their usual Latin spellings (so a query can ask for the same person in the
 * other script or another spelling), Zipf-like frequencies with a long tail
 * of rarer surnames built from syllables, patronymics, Arabic name chains,
 * double Hispanic surnames, aliases, birth dates of every precision, sex,
 * nationality, and an owner country. They enter a real hub's SQLite database
 * (WAL, synchronous=FULL) through the API's own path — validateNewPerson,
 * personStore.insert, one audit entry per record — in transactions of 1,000.
 * Then a share of them is circulated (published notices and diffusions,
 * inserted directly in their final state: set-up, not timed as import).
 *
 * The hub is then started on that data (startHub: the name index is built
 * from the database, as at any start), and screened by the French NCB with an
 * API key, with a mix of queries: travellers not in the database (names from
 * the same distributions, so many have namesakes), a record's name exactly,
 * spelled differently, and written in the other script. Three measures: the
 * names engine alone (as the screening service calls it), the screening
 * service one at a time (index, database, access rules, hits, audit commit),
 * and HTTP on loopback with wrk (one connection for latency, then many for
 * throughput). The peer gets the same names and the same query names.
 *
 * PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test);
 * a throwaway schema is dropped at the end. wrk: Debian package `wrk`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import type { Principal } from '../src/access/principal.js';
import type { AuditEvent } from '../src/audit/entry.js';
import { loadConfig } from '../src/config/load.js';
import { createHubContext } from '../src/hub/context.js';
import { initHub } from '../src/hub/init.js';
import { startHub, type RunningHub } from '../src/hub/server.js';
import type { NameIndex, ScreeningQuery } from '../src/persons/names/index.js';
import { PERSON_LIMITS, type CreatePersonBody, type PersonName, type ScreenBody } from '../src/persons/schema.js';
import { newNoticeRow, newPersonRow, personStore } from '../src/persons/store.js';
import { validateNewPerson, validateScreening } from '../src/persons/validate.js';
import { apiKeyStore } from '../src/registry/api-keys/store.js';
import { organisationStore } from '../src/registry/organisations/store.js';
import type { NoticeRow } from '../src/storage/schema.js';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '2000' },
    'http-seconds': { type: 'string', default: '8' },
    'pg-queries': { type: 'string', default: '500' },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '20261124' },
    'no-peer': { type: 'boolean', default: false },
    data: { type: 'string' },
  },
});
const N = Number(values.persons);
const QUERIES = Number(values.queries);
const HTTP_SECONDS = Number(values['http-seconds']);
const PG_QUERIES = Math.min(QUERIES, Number(values['pg-queries']));
const CONNECTIONS = Number(values.connections);
const SEED = Number(values.seed) >>> 0;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const IMPORT_BATCH = 1000;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (line: string): void => { process.stderr.write(`${line}\n`); };
const started = performance.now();
const elapsed = (): string => `${fmt((performance.now() - started) / 1000, 0)} s`;

setFlagsFromString('--expose-gc');
const gc = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;
const MiB = 2 ** 20;

// ---------------------------------------------------------------------------
// Deterministic randomness: person i of stream s is a pure function of (seed, s, i)
// ---------------------------------------------------------------------------

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix32(...xs: number[]): number {
  let h = 0x811c9dc5 ^ SEED;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(x / 4294967296), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

const STREAM_RECORDS = 1;
const STREAM_TRAVELLERS = 2;
const STREAM_QUERIES = 3;

// ---------------------------------------------------------------------------
// Names: per culture, parts as [native script:]Latin spelling|other spelling…
// ---------------------------------------------------------------------------

/** One name part: as written in its own script (null for Latin-script cultures) and its Latin spellings, the usual first. */
interface Part {
  readonly native: string | null;
  readonly latin: readonly string[];
}

/** "Latin|Variant" tokens, or "native:Latin|Variant" tokens; `_` is a space inside a part ("De_Luca"). */
function parts(text: string): Part[] {
  return text.trim().split(/\s+/u).map((token) => {
    const t = token.replace(/_/gu, ' ');
    const colon = t.indexOf(':');
    if (colon < 0) return { native: null, latin: t.split('|') };
    return { native: t.slice(0, colon), latin: t.slice(colon + 1).split('|') };
  });
}

/** A syllable table, `native:latin|variant` or plain `latin`; `0` (or `0:0`) is no syllable. */
function syllables(text: string): Part[] {
  return parts(text).map((p) => (p.latin[0] === '0' ? { native: p.native === null ? null : '', latin: [''] } : p));
}

type Shape = 'western' | 'hispanic' | 'slavic' | 'polish' | 'arabic' | 'east-asian' | 'vietnamese';

interface Culture {
  readonly name: string;
  readonly weight: number;
  /** ICAO nationality code and the ISO alpha-2 of the country (its NCB owns most of its records). */
  readonly nationalities: readonly (readonly [string, string])[];
  /** Share of the records written in the native script (0: a Latin-script culture). */
  readonly nativeShare: number;
  readonly shape: Shape;
  readonly male: readonly Part[];
  readonly female: readonly Part[];
  readonly surnames: readonly Part[];
  /** Rarer surnames, built from syllables: the long tail real name lists have. */
  readonly tail?: { share: number; make: (rnd: Rng) => Part };
  /** Given names composed of syllables (Chinese, Korean). */
  readonly composedGiven?: (rnd: Rng) => Part;
  readonly patronymics?: readonly Part[];
  readonly middle?: { male: readonly Part[]; female: readonly Part[] };
}

/** Joins syllable parts into one part: "Min"+"jun" → Minjun, Min-jun; the native forms concatenated. */
function joinSyllables(list: readonly Part[], given = true): Part {
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const first = list.map((p) => p.latin[0]!);
  const last = list.map((p) => p.latin[p.latin.length - 1]!);
  const forms = given ? [cap(first.join('')), first.map((s, i) => (i === 0 ? cap(s) : s)).join('-'), cap(last.join(''))] : [first.join(''), last.join('')];
  const native = list.every((p) => p.native !== null) ? list.map((p) => p.native).join('') : null;
  return { native, latin: [...new Set(forms)] };
}

function pickUniform<T>(list: readonly T[], rnd: Rng): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function syllableTail(roots: readonly Part[], mids: readonly Part[], ends: readonly Part[]): (rnd: Rng) => Part {
  return (rnd) => {
    const chosen = [pickUniform(roots, rnd), pickUniform(mids, rnd), pickUniform(ends, rnd)].filter((p) => p.latin[0] !== '');
    return joinSyllables(chosen, false);
  };
}

const CULTURES: readonly Culture[] = [
  {
    name: 'english', weight: 10, nativeShare: 0, shape: 'western',
    nationalities: [['USA', 'US'], ['GBR', 'GB'], ['CAN', 'CA'], ['AUS', 'AU'], ['IRL', 'IE'], ['NZL', 'NZ']],
    male: parts('James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven|Stephen Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald Timothy Jason Jeffrey|Geoffrey Ryan Jacob Gary Nicholas Eric Jonathan Larry Justin Scott Brandon Benjamin Samuel Gregory Frank Alexander Patrick Raymond Jack Dennis Jerry Tyler Aaron Henry Adam Peter Nathan Douglas Kyle Walter Ethan Jeremy Harold Keith Christian Roger Noah Gerald Carl Terry Sean|Shaun Arthur Lawrence Jesse Dylan Bryan Jordan Bruce Albert Gabriel Logan Alan|Allan Wayne Roy Ralph Vincent Russell Louis Philip|Phillip Oliver Harry Connor Liam Callum Lewis Owen Rhys Declan'),
    female: parts('Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah|Sara Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine|Catherine|Kathryn Christine Rachel Carolyn Janet Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Ann|Anne Sophie Chloe Grace Lucy Charlotte Amelia Isla Ella Jade Siobhan'),
    surnames: parts("Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin White Harris Thompson Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart|Stuart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed|Reid Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray|Grey Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Fisher Henderson Coleman Simmons Patterson Jordan Reynolds Hamilton Graham Wallace Woods Cole West Owens Marshall Ellis Stevens|Stephens Murray Ford Wells Kennedy Hunt Hall O'Brien O'Connor MacDonald|McDonald Fitzgerald Walsh Byrne"),
    tail: { share: 0.35, make: syllableTail(syllables('Ash Brad Carl Dun Ell Fair Gold Hart Kings Lang Mar Nor Pem Rad Stan Thorn Wel Whit Cal Bran Hol Lock Mer Red Wins'), syllables('0 0 0 ing er a'), syllables('ford ley ton well wood by more field ham wick son ridge worth brook dale')) },
  },
  {
    name: 'hispanic', weight: 9, nativeShare: 0, shape: 'hispanic',
    nationalities: [['MEX', 'MX'], ['ESP', 'ES'], ['COL', 'CO'], ['ARG', 'AR'], ['PER', 'PE'], ['VEN', 'VE'], ['CHL', 'CL'], ['ECU', 'EC']],
    male: parts('José|Jose Juan Luis Carlos Jorge Miguel Pedro Francisco Antonio Manuel Jesús|Jesus Alejandro Fernando Ricardo Javier|Xavier Roberto Eduardo Daniel Sergio Rafael Raúl|Raul Andrés|Andres Diego Pablo Alberto Mario Héctor|Hector Arturo Enrique Óscar|Oscar Víctor|Victor Gustavo Alfredo Hugo Ramón|Ramon Rubén|Ruben Santiago Sebastián|Sebastian Mateo Nicolás|Nicolas Julio Ernesto Guillermo Gerardo Marco Adrián|Adrian Iván|Ivan Felipe Emilio Ignacio Gonzalo Rodrigo'),
    female: parts('María|Maria Ana Carmen Rosa Laura Isabel Lucía|Lucia Sofía|Sofia Valentina Camila Gabriela Daniela Andrea Paula Marta Elena Patricia Teresa Alejandra Fernanda Mariana Carolina Natalia Verónica|Veronica Silvia Claudia Adriana Beatriz Pilar Dolores Guadalupe Lorena Mónica|Monica Sandra Raquel Cristina Victoria Ximena|Jimena Paola Diana Julia Irene Inés|Ines Luz Esperanza Yolanda Margarita Leticia'),
    surnames: parts('García|Garcia Rodríguez|Rodriguez González|Gonzalez Fernández|Fernandez López|Lopez Martínez|Martinez Sánchez|Sanchez Pérez|Perez Gómez|Gomez Martín|Martin Jiménez|Jimenez Ruiz Hernández|Hernandez Díaz|Diaz Moreno Muñoz|Munoz Álvarez|Alvarez Romero Alonso Gutiérrez|Gutierrez Navarro Torres Domínguez|Dominguez Vázquez|Vasquez Ramos Gil Ramírez|Ramirez Serrano Blanco Molina Morales Suárez|Suarez Ortega Delgado Castro Ortiz Rubio Marín|Marin Sanz Núñez|Nunez Iglesias Medina Garrido Cortés|Cortes Castillo Santos Lozano Guerrero Cano Prieto Méndez|Mendez Cruz Flores Herrera Peña|Pena León|Leon Márquez|Marquez Cabrera Gallego Calvo Vidal Campos Reyes Vega Fuentes Carrasco Aguilar Nieto Santana Rojas Mendoza Chávez|Chavez Ríos|Rios Salazar Contreras Silva Acosta Benítez|Benitez Maldonado Espinoza|Espinosa'),
    tail: { share: 0.3, make: syllableTail(syllables('Al Bel Cor Es Fer Gal Lar Mon Pa Ri San Val Ve Ar Bal Car Mi Ta'), syllables('0 0 ba ca ri'), syllables('varez tran dero quez cedo lon rrillo tana guera dillo nares ldo mosa')) },
  },
  {
    name: 'french', weight: 4, nativeShare: 0, shape: 'western',
    nationalities: [['FRA', 'FR'], ['BEL', 'BE'], ['CHE', 'CH'], ['LUX', 'LU']],
    male: parts('Jean Pierre Michel André|Andre Philippe Alain Jacques Bernard Christophe François|Francois Nicolas Daniel Patrick Frédéric|Frederic Laurent Stéphane|Stephane Éric|Eric David Olivier Julien Thierry Sébastien|Sebastien Pascal Didier Thomas Guillaume Antoine Maxime Alexandre Vincent Mathieu|Matthieu Romain Hugo Lucas Louis Gabriel Arthur Jules Théo|Theo Raphaël|Raphael Léo|Leo Yves Claude Gérard|Gerard Henri Marcel Serge Benoît|Benoit Cédric|Cedric'),
    female: parts('Marie Nathalie Isabelle Sylvie Catherine Françoise|Francoise Christine Monique Valérie|Valerie Sandrine Sophie Céline|Celine Véronique|Veronique Nicole Chantal Stéphanie|Stephanie Aurélie|Aurelie Julie Camille Léa|Lea Manon Chloé|Chloe Emma Inès|Ines Jade Louise Alice Lina Margaux Océane|Oceane Pauline Élodie|Elodie Émilie|Emilie Amandine Mélanie|Melanie Laetitia|Lætitia Virginie Hélène|Helene Anne Brigitte Martine Jacqueline Danielle Corinne Caroline'),
    surnames: parts('Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre|Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin|Guerin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément|Clement Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël|Noel Meyer Lucas Meunier Perez Marchand Dufour Blanchard Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Lacroix Fabre Dupuis Olivier'),
    tail: { share: 0.3, make: syllableTail(syllables('Beau Mont Ro Char Du La Mar Ber Fon Gi Le Per Bou Cha Ville'), syllables('0 0 0 vil'), syllables('champ rand chet pont reau vallier tier nier taine rard lier lard quet')) },
  },
  {
    name: 'german', weight: 4, nativeShare: 0, shape: 'western',
    nationalities: [['D', 'DE'], ['AUT', 'AT'], ['CHE', 'CH']],
    male: parts('Peter Michael Thomas Andreas Wolfgang Klaus Jürgen|Juergen Stefan|Stephan Christian Uwe Werner Hans Frank Bernd Matthias Helmut Gerhard Dieter Martin Jörg|Joerg Ralf Manfred Günter|Günther Horst Markus|Marcus Sven Tobias Florian Sebastian Jan Lukas Leon Finn Jonas Paul Felix Maximilian Niklas Tim Moritz Alexander Daniel Dirk Holger Heinz Karl|Carl Friedrich Johannes Philipp Benjamin Kai'),
    female: parts('Ursula Monika Petra Elke Sabine Renate Helga Karin Brigitte Ingrid Erika Andrea Gabriele Christa Susanne Birgit Martina Angelika Heike Claudia Anja Katrin|Catrin Nicole Stefanie|Stephanie Julia Sandra Anna Laura Lena Lea Leonie Hannah Mia Emma Sophie Marie Johanna Katharina Lisa Sarah Jana Franziska Christina Melanie Silke Kerstin Tanja'),
    surnames: parts('Müller|Mueller Schmidt Schneider Fischer Weber Meyer|Meier|Maier|Mayer Wagner Becker Schulz Hoffmann|Hofmann Schäfer|Schaefer Koch Bauer Richter Klein Wolf Schröder|Schroeder Neumann Schwarz Zimmermann Braun Krüger|Krueger Hartmann Lange Schmitt Werner Schmitz Krause Lehmann Schmid Schulze Köhler|Koehler Herrmann König|Koenig Walter Huber Kaiser Fuchs Peters Lang Scholz Möller|Moeller Weiß|Weiss Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm|Boehm Winter Kraus Martin Schumacher Krämer|Kraemer Vogt Stein Jäger|Jaeger Otto Sommer Groß|Gross Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Pohl Engel Horn Busch Bergmann Voigt Sauer Arnold Wolff Pfeiffer'),
    tail: { share: 0.35, make: syllableTail(syllables('Stein Berg Lin Ross Hof Wald Schul Brand Eich Roth Kirch Alt Neu Wies Grün Sonn Eisen Fried'), syllables('0 0 0 en el'), syllables('mann er hardt inger bach feld berger meier wald ler hauser bauer')) },
  },
  {
    name: 'italian', weight: 3, nativeShare: 0, shape: 'western',
    nationalities: [['ITA', 'IT'], ['SMR', 'SM']],
    male: parts('Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Carlo Franco Domenico Bruno Paolo Michele Giorgio Aldo Sergio Luciano Roberto Stefano Marco Alessandro Andrea Luca Matteo Lorenzo Leonardo Gabriele Riccardo Tommaso Davide Simone Federico Emanuele Fabio Massimo Claudio Giancarlo Enrico Nicola Daniele Alberto'),
    female: parts('Maria Anna Giuseppina Rosa Angela Giovanna Teresa Lucia Carmela Caterina Francesca Antonietta Carla Elena Concetta Rita Margherita Franca Paola Laura Giulia Sofia Aurora Alice Ginevra Emma Giorgia Greta Beatrice Martina Chiara Sara Alessia Federica Valentina Silvia Elisa Roberta Cristina Simona Monica Barbara Daniela'),
    surnames: parts("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca|DeLuca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola De_Santis|DeSantis D'Angelo|DAngelo Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala De_Angelis Gatti Pellegrini Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza Testa Grassi Pellegrino Carbone Giuliani Benedetti Barone Rossetti Caputo Montanari Guerra Palmieri Bernardi Martino Fiore"),
    tail: { share: 0.3, make: syllableTail(syllables('Bel Car Fer Gal Mar Ros San Val Vit Mor Cas Ben Pa Lo'), syllables('0 0 an ar'), syllables('lini etti occhi ucci oni ardi ello ini ese otti accio')) },
  },
  {
    name: 'polish', weight: 2, nativeShare: 0, shape: 'polish',
    nationalities: [['POL', 'PL']],
    male: parts('Piotr Krzysztof Andrzej Tomasz Paweł|Pawel Jan Michał|Michal Marcin Stanisław|Stanislaw Jakub Adam Marek Łukasz|Lukasz Grzegorz Mateusz Wojciech Mariusz Dariusz Zbigniew Jerzy Maciej Rafał|Rafal Robert Kamil Józef|Jozef Szymon Janusz Ryszard Kacper Tadeusz Sebastian Dawid Bartosz Mirosław|Miroslaw Henryk Artur Filip Wiesław|Wieslaw Damian Patryk'),
    female: parts('Anna Maria Katarzyna Małgorzata|Malgorzata Agnieszka Barbara Ewa Krystyna Elżbieta|Elzbieta Magdalena Joanna Zofia Monika Teresa Danuta Natalia Aleksandra Karolina Marta Beata Dorota Halina Jadwiga Janina Irena Alicja Paulina Justyna Iwona Grażyna|Grazyna Bożena|Bozena Urszula Julia Renata Weronika Wiktoria Patrycja'),
    surnames: parts('Nowak Kowalski Wiśniewski|Wisniewski Wójcik|Wojcik Kowalczyk Kamiński|Kaminski Lewandowski Zieliński|Zielinski Szymański|Szymanski Woźniak|Wozniak Dąbrowski|Dabrowski Kozłowski|Kozlowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski Grabowski Zając|Zajac Pawłowski|Pawlowski Michalski Król|Krol Wieczorek Jabłoński|Jablonski Wróbel|Wrobel Nowakowski Majewski Olszewski Stępień|Stepien Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski|Gorski Witkowski Walczak Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Zalewski Wróblewski|Wroblewski'),
    tail: { share: 0.35, make: syllableTail(syllables('Kow Now Wis Ziel Szym Lew Dabr Kozl Maz Jank Wojc Kwiat Grab Sob Bork'), syllables('0 0 al ow'), syllables('alski ski owski czyk ak iewicz ek inski ecki')) },
  },
  {
    name: 'turkish', weight: 4, nativeShare: 0, shape: 'western',
    nationalities: [['TUR', 'TR'], ['CYP', 'CY'], ['AZE', 'AZ']],
    male: parts('Mehmet|Mehmed Mustafa Ahmet|Ahmed Ali Hüseyin|Huseyin Hasan İbrahim|Ibrahim İsmail|Ismail Osman Yusuf Murat Ömer|Omer Ramazan Halil Süleyman|Suleyman Abdullah Mahmut Recep Salih Fatih Kadir Emre Burak Serkan Hakan Kemal Orhan Cem Can Mert Emir Yiğit|Yigit Barış|Baris Onur Volkan Tolga Uğur|Ugur Selim Kaan'),
    female: parts('Fatma Ayşe|Ayse Emine Hatice Zeynep Elif Meryem Şerife|Serife Zehra Sultan Hanife Merve Havva Zeliha Esra Fadime Özlem|Ozlem Hülya|Hulya Yasemin Büşra|Busra Ebru Derya Gülay|Gulay Gül|Gul Sevgi Deniz Ceren Aslı|Asli Selin Ece Melike Nur Tuğba|Tugba Sibel Dilek'),
    surnames: parts('Yılmaz|Yilmaz Kaya Demir Şahin|Sahin Çelik|Celik Yıldız|Yildiz Yıldırım|Yildirim Öztürk|Ozturk Aydın|Aydin Özdemir|Ozdemir Arslan Doğan|Dogan Kılıç|Kilic Aslan Çetin|Cetin Kara Koç|Koc Kurt Özkan|Ozkan Şimşek|Simsek Polat Özcan|Ozcan Korkmaz Çakır|Cakir Erdoğan|Erdogan Yavuz Can Acar Şen|Sen Aktaş|Aktas Güler|Guler Yalçın|Yalcin Güneş|Gunes Bozkurt Bulut Keskin Ünal|Unal Turan Gül|Gul Özer|Ozer Işık|Isik Kaplan Avcı|Avci Sarı|Sari Tekin Taş|Tas Köse|Kose Yüksel|Yuksel Ateş|Ates Aksoy'),
    tail: { share: 0.3, make: syllableTail(syllables('Yıl|Yil Kay Demir Çelik|Celik Ak Öz|Oz Kara Ay Er Gül|Gul Kurt Tok Bal Gök|Gok'), syllables('0 0 0 ka'), syllables('maz dız|diz han oğlu|oglu soy taş|tas can türk|turk el ay er')) },
  },
  {
    name: 'russian', weight: 8, nativeShare: 0.6, shape: 'slavic',
    nationalities: [['RUS', 'RU'], ['BLR', 'BY'], ['KAZ', 'KZ']],
    male: parts('Александр:Aleksandr|Alexander|Alexandre Сергей:Sergey|Sergei|Serguei Дмитрий:Dmitry|Dmitriy|Dmitri Андрей:Andrey|Andrei Алексей:Aleksey|Alexey|Alexei Максим:Maksim|Maxim Евгений:Evgeny|Yevgeny|Evgeniy Иван:Ivan Михаил:Mikhail|Michail Артём:Artem|Artyom Николай:Nikolay|Nikolai Владимир:Vladimir|Wladimir Павел:Pavel Роман:Roman Денис:Denis Олег:Oleg Игорь:Igor Виктор:Viktor|Victor Антон:Anton Константин:Konstantin|Constantin Юрий:Yury|Yuri|Iouri Илья:Ilya|Ilia Кирилл:Kirill Вадим:Vadim Никита:Nikita Станислав:Stanislav Тимур:Timur Руслан:Ruslan Виталий:Vitaly|Vitaliy Анатолий:Anatoly|Anatoliy Борис:Boris Геннадий:Gennady|Gennadiy Валерий:Valery|Valeriy Леонид:Leonid Григорий:Grigory|Grigoriy Вячеслав:Vyacheslav|Viacheslav Фёдор:Fyodor|Fedor Ярослав:Yaroslav Георгий:Georgy|Georgiy Егор:Egor|Yegor Пётр:Pyotr|Petr Василий:Vasily|Vasiliy Степан:Stepan Семён:Semyon|Semen'),
    female: parts('Елена:Elena|Yelena Ольга:Olga Наталья:Natalya|Natalia Татьяна:Tatyana|Tatiana Ирина:Irina Светлана:Svetlana Анна:Anna Мария:Maria|Mariya Екатерина:Ekaterina|Yekaterina Юлия:Yulia|Yuliya|Julia Анастасия:Anastasia|Anastasiya Марина:Marina Галина:Galina Людмила:Lyudmila|Ludmila Валентина:Valentina Надежда:Nadezhda Оксана:Oksana Виктория:Viktoria|Victoria Дарья:Darya|Daria Полина:Polina Ксения:Ksenia|Kseniya Алина:Alina Софья:Sofya|Sofia Вера:Vera Лариса:Larisa Любовь:Lyubov Яна:Yana Кристина:Kristina Евгения:Evgenia|Yevgeniya Вероника:Veronika Нина:Nina Инна:Inna Маргарита:Margarita Алла:Alla Зоя:Zoya'),
    surnames: parts('Иванов:Ivanov Смирнов:Smirnov Кузнецов:Kuznetsov Попов:Popov Васильев:Vasilyev|Vasiliev Петров:Petrov Соколов:Sokolov Михайлов:Mikhaylov|Mikhailov Новиков:Novikov Фёдоров:Fedorov|Fyodorov Морозов:Morozov Волков:Volkov Алексеев:Alekseev|Alexeev Лебедев:Lebedev Семёнов:Semenov|Semyonov Егоров:Egorov|Yegorov Павлов:Pavlov Козлов:Kozlov Степанов:Stepanov Николаев:Nikolaev|Nikolayev Орлов:Orlov Андреев:Andreev|Andreyev Макаров:Makarov Никитин:Nikitin Захаров:Zakharov Зайцев:Zaytsev|Zaitsev Соловьёв:Solovyov|Soloviev Борисов:Borisov Яковлев:Yakovlev Григорьев:Grigoryev|Grigoriev Романов:Romanov Воробьёв:Vorobyov|Vorobiev Сергеев:Sergeev|Sergeyev Кузьмин:Kuzmin Фролов:Frolov Александров:Aleksandrov|Alexandrov Дмитриев:Dmitriev Королёв:Korolev|Korolyov Гусев:Gusev Киселёв:Kiselev|Kiselyov Ильин:Ilyin|Ilin Максимов:Maksimov|Maximov Поляков:Polyakov Сорокин:Sorokin Виноградов:Vinogradov Ковалёв:Kovalev|Kovalyov Белов:Belov Медведев:Medvedev Антонов:Antonov Тарасов:Tarasov Жуков:Zhukov Баранов:Baranov Филиппов:Filippov Комаров:Komarov Давыдов:Davydov|Davidov Беляев:Belyaev Герасимов:Gerasimov Богданов:Bogdanov Осипов:Osipov Сидоров:Sidorov Матвеев:Matveev Титов:Titov Марков:Markov Миронов:Mironov Крылов:Krylov Куликов:Kulikov Карпов:Karpov Власов:Vlasov Мельников:Melnikov Денисов:Denisov Гаврилов:Gavrilov Тихонов:Tikhonov Казаков:Kazakov Афанасьев:Afanasyev|Afanasiev Данилов:Danilov Савельев:Savelyev Тимофеев:Timofeev Фомин:Fomin Чернов:Chernov Абрамов:Abramov Мартынов:Martynov Ефимов:Efimov|Yefimov Щербаков:Shcherbakov|Scherbakov Назаров:Nazarov Калинин:Kalinin Исаев:Isaev|Isayev Быков:Bykov Маслов:Maslov Лазарев:Lazarev Воронин:Voronin Громов:Gromov Кириллов:Kirillov Путин:Putin'),
    tail: { share: 0.35, make: syllableTail(syllables('Куз:Kuz Мор:Mor Вол:Vol Сок:Sok Бел:Bel Гор:Gor Крас:Kras Дуб:Dub Жур:Zhur Лап:Lap Шир:Shir Тим:Tim Бор:Bor Черн:Chern Гром:Grom Зим:Zim Лис:Lis Сус:Sus Кол:Kol Ряб:Ryab Мед:Med Хол:Khol Цар:Tsar Рус:Rus'), syllables('0:0 0:0 ан:an оч:och уш:ush ен:en ик:ik аш:ash ов:ov ил:il ар:ar'), syllables('ов:ov ин:in ский:sky|skiy ев:ev')) },
    patronymics: parts('Александрович:Aleksandrovich|Alexandrovich Сергеевич:Sergeevich|Sergeyevich Владимирович:Vladimirovich Николаевич:Nikolaevich|Nikolayevich Иванович:Ivanovich Викторович:Viktorovich Юрьевич:Yuryevich|Yurievich Михайлович:Mikhaylovich|Mikhailovich Алексеевич:Alekseevich|Alexeyevich Анатольевич:Anatolyevich Андреевич:Andreevich|Andreyevich Васильевич:Vasilyevich Евгеньевич:Evgenyevich|Yevgenyevich Петрович:Petrovich Дмитриевич:Dmitrievich Игоревич:Igorevich Олегович:Olegovich Борисович:Borisovich Валерьевич:Valeryevich Геннадьевич:Gennadyevich Павлович:Pavlovich Григорьевич:Grigoryevich Фёдорович:Fedorovich|Fyodorovich Леонидович:Leonidovich Романович:Romanovich Константинович:Konstantinovich Георгиевич:Georgievich Вячеславович:Vyacheslavovich Станиславович:Stanislavovich Аркадьевич:Arkadyevich'),
  },
  {
    name: 'ukrainian', weight: 3, nativeShare: 0.6, shape: 'western',
    nationalities: [['UKR', 'UA']],
    male: parts('Олександр:Oleksandr Сергій:Serhiy|Serhii Андрій:Andriy|Andrii Володимир:Volodymyr Микола:Mykola Олексій:Oleksiy|Oleksii Дмитро:Dmytro Іван:Ivan Юрій:Yuriy|Yurii Василь:Vasyl Михайло:Mykhailo|Mykhaylo Петро:Petro Віктор:Viktor Богдан:Bohdan Тарас:Taras Ігор:Ihor Роман:Roman Олег:Oleh Віталій:Vitaliy|Vitalii Ярослав:Yaroslav Максим:Maksym Артем:Artem Денис:Denys Павло:Pavlo Степан:Stepan'),
    female: parts('Олена:Olena Тетяна:Tetiana|Tetyana Наталія:Nataliia|Natalia Ірина:Iryna Оксана:Oksana Світлана:Svitlana Юлія:Yuliia|Yulia Марія:Mariia|Maria Катерина:Kateryna Ольга:Olha Галина:Halyna Людмила:Liudmyla|Lyudmyla Анна:Anna Вікторія:Viktoriia Надія:Nadiia Лариса:Larysa Валентина:Valentyna Ганна:Hanna Дарина:Daryna Софія:Sofiia|Sofia Анастасія:Anastasiia Христина:Khrystyna Яна:Yana Аліна:Alina'),
    surnames: parts('Мельник:Melnyk Шевченко:Shevchenko Коваленко:Kovalenko Бондаренко:Bondarenko Бойко:Boyko|Boiko Ткаченко:Tkachenko Кравченко:Kravchenko Ковальчук:Kovalchuk Коваль:Koval Олійник:Oliynyk|Oliinyk Шевчук:Shevchuk Поліщук:Polishchuk Бондар:Bondar Ткачук:Tkachuk Мороз:Moroz Марченко:Marchenko Лисенко:Lysenko Руденко:Rudenko Савченко:Savchenko Петренко:Petrenko Клименко:Klymenko Павленко:Pavlenko Кравчук:Kravchuk Кузьменко:Kuzmenko Пономаренко:Ponomarenko Савчук:Savchuk Василенко:Vasylenko Левченко:Levchenko Харченко:Kharchenko Карпенко:Karpenko Мельничук:Melnychuk Іваненко:Ivanenko Литвиненко:Lytvynenko Гончаренко:Honcharenko Федоренко:Fedorenko Романенко:Romanenko Приходько:Prykhodko Яковенко:Yakovenko Мартинюк:Martyniuk Гуменюк:Humeniuk'),
    tail: { share: 0.35, make: syllableTail(syllables('Ков:Kov Пет:Pet Сав:Sav Лит:Lyt Гон:Hon Ткач:Tkach Мар:Mar Руд:Rud Клим:Klym Дан:Dan Гриц:Hryts Зін:Zin Бор:Bor Сид:Syd'), syllables('0:0 0:0 ен:en ан:an'), syllables('енко:enko чук:chuk юк:iuk ишин:yshyn ич:ych')) },
  },
  {
    name: 'arabic', weight: 12, nativeShare: 0.5, shape: 'arabic',
    nationalities: [['EGY', 'EG'], ['SAU', 'SA'], ['IRQ', 'IQ'], ['SYR', 'SY'], ['JOR', 'JO'], ['MAR', 'MA'], ['DZA', 'DZ'], ['TUN', 'TN'], ['YEM', 'YE'], ['LBN', 'LB'], ['ARE', 'AE'], ['LBY', 'LY'], ['SDN', 'SD']],
    male: parts('محمد:Mohammed|Muhammad|Mohamed|Mohammad|Mohamad أحمد:Ahmed|Ahmad علي:Ali حسن:Hassan|Hasan حسين:Hussein|Hussain|Husayn محمود:Mahmoud|Mahmud مصطفى:Mustafa|Moustafa|Mostafa خالد:Khaled|Khalid عمر:Omar|Umar يوسف:Youssef|Yousef|Yusuf|Youssouf إبراهيم:Ibrahim عبدالله:Abdullah|Abdallah|Abdulla عبدالرحمن:Abdulrahman|Abdelrahman|Abdurrahman سعيد:Said|Saeed|Saied كريم:Karim|Kareem طارق:Tariq|Tarek|Tarik سامي:Sami|Samy ماجد:Majed|Majid فيصل:Faisal|Faysal ناصر:Nasser|Nasir|Naser وليد:Walid|Waleed جمال:Jamal|Gamal صالح:Saleh|Salih رامي:Rami|Ramy زياد:Ziad|Ziyad هشام:Hisham|Hesham عادل:Adel|Adil أسامة:Osama|Usama|Oussama منصور:Mansour|Mansur ياسر:Yasser|Yasir عمار:Ammar سليمان:Sulaiman|Suleiman|Soliman حمزة:Hamza|Hamzah بلال:Bilal أنس:Anas إسماعيل:Ismail|Ismael'),
    female: parts('فاطمة:Fatima|Fatma|Fatimah|Fatema عائشة:Aisha|Aicha|Ayesha|Aysha مريم:Maryam|Mariam زينب:Zainab|Zaynab|Zeinab خديجة:Khadija|Khadidja|Khadijah نور:Nour|Noor|Nur سارة:Sara|Sarah ليلى:Layla|Leila|Laila هدى:Huda|Hoda أمل:Amal رانيا:Rania|Ranya سلمى:Salma ياسمين:Yasmin|Yasmine|Jasmine دينا:Dina منى:Mona|Muna هند:Hind رقية:Ruqayya|Roukaya آمنة:Amina|Aminah|Amena سعاد:Souad|Suad نادية:Nadia|Nadiya'),
    surnames: parts('العتيبي:Al-Otaibi|Alotaibi|Al_Otaibi القحطاني:Al-Qahtani|Alqahtani|Al-Kahtani الشمري:Al-Shammari|Alshammari الدوسري:Al-Dosari|Aldossary|Al-Dossari الحربي:Al-Harbi|Alharbi الزهراني:Al-Zahrani|Alzahrani الغامدي:Al-Ghamdi|Alghamdi المطيري:Al-Mutairi|Almutairi التميمي:Al-Tamimi|Altamimi الخطيب:Al-Khatib|El-Khatib|Alkhatib حداد:Haddad النجار:Al-Najjar|Najjar|El-Naggar الشريف:Al-Sharif|El-Sherif|Alsharif المصري:Al-Masri|El-Masry|Almasri العلي:Al-Ali|Alali الجبوري:Al-Jubouri|Al-Jaburi الدليمي:Al-Dulaimi|Aldulaimi العبيدي:Al-Obaidi|Al-Ubaidi الكبيسي:Al-Kubaisi|Alkubaisi الزعبي:Al-Zoubi|Alzoubi العمري:Al-Omari|Alomari الأحمد:Al-Ahmad|Al-Ahmed السيد:El-Sayed|Al-Sayed|Elsayed عبدالله:Abdullah|Abdallah إبراهيم:Ibrahim منصور:Mansour|Mansur صالح:Saleh|Salih بن_علي:Ben_Ali|Bin_Ali بوزيد:Bouzid|Bouzeid بن_سالم:Ben_Salem|Bin_Salem'),
    tail: { share: 0.3, make: (rnd) => { const g = pickUniform(ARABIC_GIVEN_FOR_FAMILY, rnd); return { native: `ال${g.native!}`, latin: g.latin.slice(0, 2).flatMap((l) => [`Al-${l}`, `El-${l}`, `Al${l.toLowerCase()}`]) }; } },
  },
  {
    name: 'hebrew', weight: 2, nativeShare: 0.5, shape: 'western',
    nationalities: [['ISR', 'IL']],
    male: parts('דוד:David משה:Moshe|Moses יוסף:Yosef|Yossef|Joseph אברהם:Avraham|Abraham יעקב:Yaakov|Yaacov|Jacob יצחק:Yitzhak|Yitzchak|Itzhak דניאל:Daniel מיכאל:Michael|Mikhael איתן:Eitan|Etan נועם:Noam אריאל:Ariel עומר:Omer יונתן:Yonatan|Jonathan אורי:Uri שלמה:Shlomo חיים:Haim|Chaim|Khaim אליהו:Eliyahu שמואל:Shmuel|Samuel אהרון:Aharon|Aaron בנימין:Binyamin|Benjamin'),
    female: parts('שרה:Sara|Sarah רחל:Rachel|Rahel לאה:Leah|Lea מרים:Miriam אסתר:Esther נועה:Noa שירה:Shira תמר:Tamar יעל:Yael מיכל:Michal רבקה:Rivka|Rebecca חנה:Hana|Hannah|Chana עדי:Adi טליה:Talia אורית:Orit'),
    surnames: parts('כהן:Cohen|Kohen|Cohn לוי:Levi|Levy מזרחי:Mizrahi|Mizrachi פרץ:Peretz|Perez ביטון:Biton|Bitton דהן:Dahan אברהם:Avraham פרידמן:Friedman מלכה:Malka אזולאי:Azoulay|Azulai כץ:Katz עמר:Amar חדד:Hadad|Haddad גבאי:Gabay|Gabai שפירא:Shapira|Shapiro גולדברג:Goldberg רוזנברג:Rosenberg וייס:Weiss קליין:Klein שוורץ:Schwartz|Shvarts אשכנזי:Ashkenazi לוין:Levin ששון:Sasson שלום:Shalom אוחיון:Ohayon|Ohana יוסף:Yosef|Joseph דוד:David ברק:Barak שמעוני:Shimoni'),
  },
  {
    name: 'greek', weight: 2, nativeShare: 0.6, shape: 'western',
    nationalities: [['GRC', 'GR'], ['CYP', 'CY']],
    male: parts('Γεώργιος:Georgios|Giorgos Ιωάννης:Ioannis|Giannis|Yannis Κωνσταντίνος:Konstantinos|Kostas Δημήτριος:Dimitrios|Dimitris Νικόλαος:Nikolaos|Nikos Παναγιώτης:Panagiotis|Panayiotis Βασίλειος:Vasileios|Vasilis Χρήστος:Christos|Hristos Αθανάσιος:Athanasios|Thanasis Μιχαήλ:Michail|Michael Ευάγγελος:Evangelos|Vangelis Σπυρίδων:Spyridon Αντώνιος:Antonios Αναστάσιος:Anastasios Θεόδωρος:Theodoros Εμμανουήλ:Emmanouil Ηλίας:Ilias Πέτρος:Petros Σταύρος:Stavros Αλέξανδρος:Alexandros'),
    female: parts('Μαρία:Maria Ελένη:Eleni Αικατερίνη:Aikaterini|Ekaterini Βασιλική:Vasiliki Σοφία:Sofia|Sophia Αγγελική:Angeliki Γεωργία:Georgia Δήμητρα:Dimitra Κωνσταντίνα:Konstantina Παρασκευή:Paraskevi Αναστασία:Anastasia Ειρήνη:Eirini|Irini Χριστίνα:Christina Παναγιώτα:Panagiota Ιωάννα:Ioanna Ευαγγελία:Evangelia Δέσποινα:Despoina|Despina Χρυσούλα:Chrysoula Θεοδώρα:Theodora Αλεξάνδρα:Alexandra'),
    surnames: parts('Παπαδόπουλος:Papadopoulos Παπαδάκης:Papadakis Παπαγεωργίου:Papageorgiou Οικονόμου:Oikonomou|Economou Γεωργίου:Georgiou Δημητρίου:Dimitriou Νικολαΐδης:Nikolaidis Κωνσταντινίδης:Konstantinidis Καραγιάννης:Karagiannis|Karayannis Βασιλείου:Vasileiou Ιωαννίδης:Ioannidis Χριστοδούλου:Christodoulou Αθανασίου:Athanasiou Μακρής:Makris Παππάς:Pappas Αντωνίου:Antoniou Αλεξίου:Alexiou Παναγιωτόπουλος:Panagiotopoulos Θεοδώρου:Theodorou Μιχαηλίδης:Michailidis Αγγελόπουλος:Angelopoulos Κυριακού:Kyriakou Σταυρόπουλος:Stavropoulos Λαμπράκης:Lambrakis'),
    tail: { share: 0.35, make: syllableTail(syllables('Παπ:Pap Καρ:Kar Νικ:Nik Δημ:Dim Κον:Kon Λαμπ:Lamp Σταυ:Stav Χρυσ:Chrys Τσακ:Tsak Βλαχ:Vlach Μαυ:Mav Καλ:Kal Σαρ:Sar Ζερβ:Zerv Λαζαρ:Lazar'), syllables('0:0 0:0 αν:an ελ:el'), syllables('όπουλος:opoulos ίδης:idis άκης:akis άτος:atos ου:ou άς:as')) },
  },
  {
    name: 'chinese', weight: 8, nativeShare: 0.5, shape: 'east-asian',
    nationalities: [['CHN', 'CN'], ['HKG', 'CN'], ['SGP', 'SG'], ['MYS', 'MY']],
    male: [], female: [],
    surnames: parts('王:Wang|Wong 李:Li|Lee 张:Zhang|Cheung|Chang 刘:Liu|Lau 陈:Chen|Chan|Tan 杨:Yang|Yeung 黄:Huang|Wong|Ng 赵:Zhao|Chiu 吴:Wu|Ng|Goh 周:Zhou|Chow 徐:Xu|Tsui 孙:Sun 马:Ma 朱:Zhu|Chu 胡:Hu|Woo 郭:Guo|Kwok 何:He|Ho 高:Gao|Ko 林:Lin|Lam|Lim 罗:Luo|Law 郑:Zheng|Cheng 梁:Liang|Leung 谢:Xie|Tse 宋:Song 唐:Tang|Tong 许:Xu|Hui 韩:Han 冯:Feng|Fung 邓:Deng|Tang 曹:Cao|Tso 彭:Peng|Pang 曾:Zeng|Tsang 肖:Xiao 田:Tian 董:Dong 袁:Yuan 潘:Pan|Poon 于:Yu 蒋:Jiang 蔡:Cai|Choi|Chua 余:Yu|Yue 杜:Du 叶:Ye|Yip 程:Cheng 苏:Su|So 魏:Wei 吕:Lyu|Lu 丁:Ding 任:Ren 沈:Shen 姚:Yao 卢:Lu 姜:Jiang 崔:Cui 钟:Zhong|Chung 谭:Tan|Tam 陆:Lu 汪:Wang 范:Fan 金:Jin|Kam 石:Shi|Shek 廖:Liao 贾:Jia 夏:Xia 韦:Wei 方:Fang|Fong 白:Bai 邹:Zou 孟:Meng 熊:Xiong 秦:Qin 邱:Qiu|Yau 江:Jiang 尹:Yin 薛:Xue 段:Duan 雷:Lei 侯:Hou 龙:Long 史:Shi 陶:Tao 黎:Li|Lai 贺:He 顾:Gu|Koo 毛:Mao 郝:Hao 龚:Gong 邵:Shao 万:Wan 钱:Qian|Chin 严:Yan|Yim 武:Wu 戴:Dai|Tai 莫:Mo|Mok 孔:Kong|Hung 向:Xiang 汤:Tang'),
    composedGiven: (rnd) => joinSyllables(Array.from({ length: rnd() < 0.7 ? 2 : 1 }, () => pickUniform(CHINESE_SYLLABLES, rnd))),
  },
  {
    name: 'korean', weight: 3, nativeShare: 0.5, shape: 'east-asian',
    nationalities: [['KOR', 'KR']],
    male: [], female: [],
    surnames: parts('김:Kim|Gim 이:Lee|Yi|Rhee 박:Park|Pak|Bak 최:Choi|Choe 정:Jung|Jeong|Chung 강:Kang|Gang 조:Cho|Jo 윤:Yoon|Yun 장:Jang|Chang 임:Lim|Im 한:Han 오:Oh 서:Seo|Suh 신:Shin|Sin 권:Kwon|Gwon 황:Hwang 안:Ahn|An 송:Song 류:Ryu|Yoo 전:Jeon|Chun 홍:Hong 고:Ko|Go 문:Moon|Mun 양:Yang 손:Son|Sohn 배:Bae 백:Baek|Paik 허:Heo|Huh 남:Nam 노:Noh|Roh'),
    composedGiven: (rnd) => joinSyllables([pickUniform(KOREAN_SYLLABLES, rnd), pickUniform(KOREAN_SYLLABLES, rnd)]),
  },
  {
    name: 'japanese', weight: 3, nativeShare: 0.4, shape: 'east-asian',
    nationalities: [['JPN', 'JP']],
    male: parts('浩:Hiroshi 隆:Takashi 明:Akira 健二:Kenji 陽翔:Haruto 大輝:Daiki 健太:Kenta 翔太:Shota|Shouta 拓海:Takumi 直樹:Naoki 雄介:Yusuke|Yuusuke 大輔:Daisuke 達也:Tatsuya 亮太:Ryota|Ryouta 武:Takeshi 聡:Satoshi 誠:Makoto 浩二:Koji|Kouji 和樹:Kazuki 翔:Sho|Shou 蓮:Ren 悠斗:Yuto|Yuuto 颯太:Sota|Souta 一郎:Ichiro|Ichirou 太郎:Taro|Tarou'),
    female: parts('結衣:Yui 葵:Aoi さくら:Sakura 優奈:Yuna|Yuuna 花:Hana 恵子:Keiko 洋子:Yoko|Youko 直子:Naoko 智子:Tomoko 舞:Mai 七海:Nanami 美咲:Misaki 遥:Haruka 恵:Megumi 彩花:Ayaka 裕子:Yuko|Yuuko 陽菜:Hina 美穂:Miho 由美:Yumi 久美子:Kumiko'),
    surnames: parts('佐藤:Sato|Satou|Satoh 鈴木:Suzuki 高橋:Takahashi 田中:Tanaka 渡辺:Watanabe 伊藤:Ito|Itou|Itoh 山本:Yamamoto 中村:Nakamura 小林:Kobayashi 加藤:Kato|Katou|Katoh 吉田:Yoshida 山田:Yamada 佐々木:Sasaki 山口:Yamaguchi 松本:Matsumoto 井上:Inoue 木村:Kimura 林:Hayashi 清水:Shimizu 山崎:Yamazaki|Yamasaki 森:Mori 阿部:Abe 池田:Ikeda 橋本:Hashimoto 石川:Ishikawa 小川:Ogawa 岡田:Okada 前田:Maeda 藤田:Fujita 後藤:Goto|Gotou|Gotoh 長谷川:Hasegawa 村上:Murakami 近藤:Kondo|Kondou 石井:Ishii 斎藤:Saito|Saitou 坂本:Sakamoto 遠藤:Endo|Endou 青木:Aoki 藤井:Fujii 西村:Nishimura 福田:Fukuda 太田:Ota|Ohta 三浦:Miura 藤原:Fujiwara 岡本:Okamoto 松田:Matsuda 中川:Nakagawa 中野:Nakano 原田:Harada 小野:Ono|Ohno'),
  },
  {
    name: 'vietnamese', weight: 2, nativeShare: 0, shape: 'vietnamese',
    nationalities: [['VNM', 'VN']],
    male: parts('Anh Minh Huy Khoa Long Nam Phong Quang Sơn|Son Thành|Thanh Tuấn|Tuan Trung Đức|Duc Hiếu|Hieu Hùng|Hung Dũng|Dung Hải|Hai Hoàng|Hoang Khánh|Khanh Lâm|Lam Phúc|Phuc Quốc|Quoc Tài|Tai Thắng|Thang Tiến|Tien Toàn|Toan Vinh Việt|Viet Bảo|Bao'),
    female: parts('Anh Linh Ngọc|Ngoc Hương|Huong Lan Mai Thảo|Thao Trang Thu Hoa Hạnh|Hanh Hiền|Hien Hồng|Hong Huyền|Huyen Liên|Lien Ly My Nga Nhung Oanh Phương|Phuong Quỳnh|Quynh Tâm|Tam Thủy|Thuy Trinh Tuyết|Tuyet Uyên|Uyen Vân|Van Vy Yến|Yen'),
    surnames: parts('Nguyễn|Nguyen Trần|Tran Lê|Le Phạm|Pham Hoàng|Hoang Huỳnh|Huynh Phan Vũ|Vu Võ|Vo Đặng|Dang Bùi|Bui Đỗ|Do Hồ|Ho Ngô|Ngo Dương|Duong Lý|Ly Trương|Truong Đinh|Dinh Lâm|Lam Mai Trịnh|Trinh Lương|Luong Cao Hà|Ha Tạ|Ta Quách|Quach Thái|Thai Lưu|Luu Kiều|Kieu Đoàn|Doan'),
    middle: { male: parts('Văn|Van Đức|Duc Minh Quốc|Quoc Hữu|Huu Thanh'), female: parts('Thị|Thi Ngọc|Ngoc Thanh Thu Kim') },
  },
  {
    name: 'south-asian', weight: 6, nativeShare: 0, shape: 'western',
    nationalities: [['IND', 'IN'], ['PAK', 'PK'], ['BGD', 'BD'], ['NPL', 'NP'], ['LKA', 'LK']],
    male: parts('Mohammed|Muhammad|Mohammad|Mohd Rahul Amit Rajesh Suresh Ramesh Sanjay Vijay Anil Sunil Manoj Arun Ajay Ravi Deepak Vikram Ashok Rakesh Sandeep Pradeep Mahesh Ganesh Naveen Kiran Arjun Aditya Rohan Karan Nikhil Varun Gaurav Imran Asif Tariq|Tarik Faisal|Faysal Bilal Usman|Osman Kamran Zubair Irfan Arif Shahid Naveed Abdul Rahim Karim Salman Ali Hassan|Hasan'),
    female: parts('Priya Pooja|Puja Anjali Neha Kavita|Kavitha Sunita Anita Rekha Meena Lakshmi|Laxmi Deepa Divya Sneha Swati Shweta Nisha Ritu Preeti|Priti Asha Geeta|Gita Sita Radha Kamala Savita Aarti|Arti Ayesha|Aisha Fatima Sana Hina Rabia Saima Nazia Shabana Farah Bushra Zainab Amna Mehwish Sadia Uzma Nasreen|Nasrin'),
    surnames: parts('Sharma Verma Gupta Singh Kumar Patel Shah Mehta Joshi Agarwal|Aggarwal Reddy Rao Naidu Nair Menon Pillai Iyer Mukherjee Banerjee Chatterjee Das Bose Ghosh Sen Dutta Chaudhary|Choudhury|Chowdhury Yadav Mishra Pandey Tiwari Dubey Srivastava Saxena Kapoor Khanna Malhotra Bhatia Chopra Arora Sethi Gill Sandhu Sidhu Dhillon Khan Ahmed|Ahmad Hussain|Hussein|Husain Qureshi|Kureshi Siddiqui|Siddiqi Ansari Sheikh|Shaikh Malik Butt Raza Rizvi Mirza Baig|Beg Akhtar Iqbal Islam Rahman Hossain Uddin Begum'),
    tail: { share: 0.3, make: syllableTail(syllables('Ra Shar Ver Gup Mal Kap Cho Ban Muk Chat Bhat Deshi Kul Pur'), syllables('0 0 an'), syllables('ma ta hotra oor pra erjee dhury war nani kar pande wal')) },
  },
  {
    name: 'west-african', weight: 5, nativeShare: 0, shape: 'western',
    nationalities: [['NGA', 'NG'], ['GHA', 'GH'], ['SEN', 'SN'], ['CIV', 'CI'], ['MLI', 'ML'], ['CMR', 'CM'], ['KEN', 'KE']],
    male: parts('Chukwuemeka Chinedu Emeka Obinna Ikenna Nnamdi Oluwaseun Olumide Babatunde Adebayo Ayodele Tunde Segun Kunle Femi Kwame Kofi Kwabena Yaw Kwasi|Kwesi Kojo Mamadou|Mamadu Moussa|Musa Ibrahima Ousmane|Usman Abdoulaye Amadou|Ahmadu Cheikh|Sheikh Modou Lamine Boubacar|Abubakar Seydou Souleymane|Sulaiman Issa Emmanuel Samuel Daniel John Joseph Peter David Aliyu Sani Bello'),
    female: parts('Chioma Ngozi Adaeze Nneka Ifeoma Amaka Chiamaka Oluwakemi Folake Funmilayo Bukola Yetunde Titilayo Abena Akosua Ama Efua Adwoa Afia Aminata Fatou|Fatu Awa Mariama Aissatou|Aïssatou Khady|Khadi Ndeye Coumba Binta Rokhaya Grace Blessing Esther Mercy Joy Faith Patience Comfort Hadiza Zainab Aisha Hauwa'),
    surnames: parts('Okafor Okonkwo Eze Nwosu Okeke Obi Nwachukwu Uche Adeyemi Adebayo Ogunleye Olawale Bakare Adeleke Balogun Mensah Owusu Boateng Asante Appiah Osei Agyeman Darko Diallo Diop Ndiaye Fall Sow Ba Sy Gueye Faye Cissé|Cisse Traoré|Traore Keïta|Keita Coulibaly|Kulibali Koné|Kone Touré|Toure Camara|Kamara Sangaré|Sangare Bangura Kariuki Kamau Otieno Ochieng Mwangi Abubakar Bello Musa Ibrahim Yusuf Lawal Aliyu Danjuma'),
    tail: { share: 0.35, make: syllableTail(syllables('Ade Olu Oke Nwa Ogun Oba Chi Eze Ako Ola Kwa Ose Ama'), syllables('0 0 ni ba'), syllables('yemi bayo ke chukwu leye nna wale ola ji for du nsah')) },
  },
];

const CHINESE_SYLLABLES = syllables('伟:wei 军:jun 浩:hao 磊:lei 强:qiang 勇:yong 杰:jie 涛:tao 明:ming 超:chao 刚:gang 建:jian 波:bo 鹏:peng 辉:hui 斌:bin 峰:feng 海:hai 亮:liang 成:cheng 洋:yang 凯:kai 龙:long 鑫:xin 宇:yu 芳:fang 娜:na 敏:min 静:jing 丽:li 艳:yan 娟:juan 霞:xia 平:ping 红:hong 玲:ling 梅:mei 兰:lan 英:ying 华:hua 云:yun 雪:xue 志:zhi 国:guo 文:wen 小:xiao 子:zi 天:tian 家:jia 一:yi 晓:xiao 俊:jun 思:si 欣:xin 怡:yi 婷:ting 睿:rui 泽:ze 博:bo 轩:xuan 涵:han 诗:shi 梦:meng 雨:yu');
const KOREAN_SYLLABLES = syllables('민:min 준:jun|joon 서:seo 지:ji 현:hyun|hyeon 우:woo|u 영:young|yeong 수:su|soo 호:ho 은:eun 혜:hye 진:jin 성:sung|seong 동:dong 재:jae 희:hee|hui 연:yeon 경:kyung|gyeong 상:sang 태:tae 하:ha 나:na 유:yu|yoo 원:won 정:jung|jeong 도:do 승:seung 예:ye 윤:yoon|yun 주:ju|joo');
const ARABIC_GIVEN_FOR_FAMILY = parts('حسن:Hassan|Hasan حسين:Hussein|Hussain عمر:Omar|Umar سعيد:Said|Saeed كريم:Karim|Kareem ناصر:Nasser|Nasir صالح:Saleh|Salih منصور:Mansour|Mansur جمال:Jamal|Gamal خطيب:Khatib عباس:Abbas رشيد:Rashid|Rachid قاسم:Qasim|Kassem حكيم:Hakim|Hakeem سليم:Salim|Selim نجار:Najjar مهدي:Mahdi|Mehdi هاشم:Hashim|Hashem زين:Zein|Zain فارس:Fares|Faris أمين:Amin|Amine بكري:Bakri|Bakry شامي:Shami|Chami حلبي:Halabi|Alabi خوري:Khoury|Khouri بغدادي:Baghdadi راشد:Rashed|Rashid سالم:Salem|Salim عثمان:Othman|Osman');

/** Big NCBs that also own records of persons of other nationalities. */
const BIG_OWNERS = ['US', 'GB', 'FR', 'DE', 'ES', 'IT', 'TR', 'RU', 'IN', 'BR', 'CN', 'NG', 'AE', 'SA', 'AU', 'CA', 'MX', 'PL', 'UA', 'ZA'];
const TOTAL_WEIGHT = CULTURES.reduce((s, c) => s + c.weight, 0);

/** Zipf-like pick (rank r weighs 1/(r+1)^1): a few very common names, a long tail. */
const cumulative = new WeakMap<readonly Part[], Float64Array>();
function zipf(list: readonly Part[], rnd: Rng): Part {
  let cum = cumulative.get(list);
  if (!cum) {
    cum = new Float64Array(list.length);
    let s = 0;
    for (let i = 0; i < list.length; i++) { s += 1 / (i + 1); cum[i] = s; }
    cumulative.set(list, cum);
  }
  const x = rnd() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid]! < x) lo = mid + 1; else hi = mid; }
  return list[lo]!;
}

// ---------------------------------------------------------------------------
// A generated person
// ---------------------------------------------------------------------------

type Precision = 'day' | 'month' | 'year' | 'range' | 'none';

interface NameParts {
  readonly given: readonly Part[];
  readonly patronymic: readonly Part[];
  readonly family: readonly Part[];
}

interface GenPerson extends NameParts {
  readonly culture: Culture;
  readonly female: boolean;
  /** Written in the native script (else in Latin, with the spelling `spelling`). */
  readonly native: boolean;
  readonly spelling: number;
  /** A native-script record also holding its Latin spelling (as the passport shows it). */
  readonly romanised: boolean;
  readonly alias: NameParts | null;
  readonly birth: { readonly y: number; readonly m: number; readonly d: number };
  readonly precision: Precision;
  readonly nationality: string;
  readonly owner: string;
  readonly restriction: 'all' | 'countries' | 'hub';
}

function feminine(p: Part, culture: Culture): Part {
  if (culture.shape === 'slavic') {
    const native = p.native === null ? null : p.native.replace(/ский$/u, 'ская').replace(/(ов|ев|ёв|ин|ын)$/u, '$1а');
    return { native, latin: p.latin.map((l) => l.replace(/sk(y|iy)$/u, 'skaya').replace(/(ov|ev|in|yn)$/u, '$1a')) };
  }
  if (culture.shape === 'polish') return { native: null, latin: p.latin.map((l) => l.replace(/ski$/u, 'ska').replace(/cki$/u, 'cka')) };
  return p;
}

function surname(c: Culture, rnd: Rng): Part {
  if (c.tail && rnd() < c.tail.share) return c.tail.make(rnd);
  return zipf(c.surnames, rnd);
}

function givenName(c: Culture, female: boolean, rnd: Rng): Part {
  if (c.composedGiven) return c.composedGiven(rnd);
  return zipf(female ? c.female : c.male, rnd);
}

function nameOf(c: Culture, female: boolean, rnd: Rng): NameParts {
  const given = [givenName(c, female, rnd)];
  const patronymic: Part[] = [];
  const family: Part[] = [];
  const fem = (p: Part): Part => (female ? feminine(p, c) : p);
  switch (c.shape) {
    case 'hispanic':
      if (rnd() < 0.3) given.push(givenName(c, female, rnd));
      family.push(surname(c, rnd));
      if (rnd() < 0.7) family.push(surname(c, rnd));
      break;
    case 'slavic':
      if (rnd() < 0.55 && c.patronymics) {
        const p = zipf(c.patronymics, rnd);
        patronymic.push(female ? { native: p.native!.replace(/ич$/u, 'на'), latin: p.latin.map((l) => l.replace(/ich$/u, 'na')) } : p);
      }
      family.push(fem(surname(c, rnd)));
      break;
    case 'polish':
      if (rnd() < 0.1) given.push(givenName(c, female, rnd));
      family.push(fem(surname(c, rnd)));
      break;
    case 'arabic': {
      const r = rnd();
      if (r < 0.45) patronymic.push(zipf(c.male, rnd));
      else if (r < 0.6) patronymic.push(zipf(c.male, rnd), zipf(c.male, rnd));
      family.push(surname(c, rnd));
      break;
    }
    case 'vietnamese':
      given.unshift(zipf(female ? c.middle!.female : c.middle!.male, rnd));
      family.push(surname(c, rnd));
      break;
    case 'east-asian':
      family.push(surname(c, rnd));
      break;
    default:
      if (rnd() < 0.15) given.push(givenName(c, female, rnd));
      family.push(surname(c, rnd));
  }
  return { given, patronymic, family };
}

function generate(stream: number, i: number): GenPerson {
  const rnd = mulberry32(mix32(stream, i));
  let x = rnd() * TOTAL_WEIGHT;
  let c = CULTURES[0]!;
  for (const k of CULTURES) { x -= k.weight; if (x <= 0) { c = k; break; } }
  const female = rnd() < 0.35;
  const name = nameOf(c, female, rnd);
  const native = rnd() < c.nativeShare;
  const spelling = rnd() < 0.7 ? 0 : 1 + Math.floor(rnd() * 3);
  const romanised = native && rnd() < 0.4;
  const alias = rnd() < 0.08 ? nameOf(c, female, rnd) : null;
  const birth = { y: 1945 + Math.floor(rnd() * 62), m: 1 + Math.floor(rnd() * 12), d: 1 + Math.floor(rnd() * 28) };
  const r = rnd();
  const precision: Precision = r < 0.75 ? 'day' : r < 0.83 ? 'month' : r < 0.93 ? 'year' : r < 0.96 ? 'range' : 'none';
  const [nationality, iso2] = pickUniform(c.nationalities, rnd);
  const owner = rnd() < 0.55 ? iso2 : pickUniform(BIG_OWNERS, rnd);
  const rr = rnd();
  const restriction = rr < 0.9 ? 'all' : rr < 0.97 ? 'countries' : 'hub';
  return { ...name, culture: c, female, native, spelling, romanised, alias, birth, precision, nationality, owner, restriction };
}

const pad = (n: number): string => String(n).padStart(2, '0');
function fullDate(b: GenPerson['birth']): string {
  return `${b.y}-${pad(b.m)}-${pad(b.d)}`;
}

function render(list: readonly Part[], native: boolean, spelling: number): string | undefined {
  const out = list.map((p) => (native && p.native !== null ? p.native : p.latin[spelling % p.latin.length]!)).filter((s) => s !== '');
  return out.length === 0 ? undefined : out.join(' ');
}

function storedName(n: NameParts, kind: NonNullable<PersonName['kind']>, native: boolean, spelling: number): PersonName {
  const given = render(n.given, native, spelling);
  const patronymic = render(n.patronymic, native, spelling);
  const family = render(n.family, native, spelling);
  return { kind, ...(given === undefined ? {} : { given }), ...(patronymic === undefined ? {} : { patronymic }), ...(family === undefined ? {} : { family }) };
}

/** The record as its owner's NCB would send it to POST /api/v1/persons. */
function recordBody(g: GenPerson): CreatePersonBody {
  const names: PersonName[] = [storedName(g, 'primary', g.native, g.spelling)];
  if (g.romanised) names.push(storedName(g, 'spelling', false, g.spelling));
  if (g.alias) names.push(storedName(g.alias, 'alias', g.native, g.spelling));
  const b = g.birth;
  const birthDate = g.precision === 'day' ? fullDate(b) : g.precision === 'month' ? `${b.y}-${pad(b.m)}` : g.precision === 'year' ? `${b.y}`
    : g.precision === 'range' ? { from: `${b.y - 2}`, to: `${b.y + 2}` } : undefined;
  const others = BIG_OWNERS.filter((o) => o !== g.owner);
  const a = (g.birth.d * 7 + g.birth.m) % others.length;
  return {
    names,
    ...(birthDate === undefined ? {} : { birthDate }),
    sex: g.female ? 'F' : 'M',
    nationalities: [g.nationality],
    ...(g.restriction === 'all' ? {} : { restriction: g.restriction === 'hub' ? { visibility: 'hub' } : { visibility: 'countries', countries: [others[a]!, others[(a + 5) % others.length]!, others[(a + 11) % others.length]!].sort() } }),
  };
}

/** Whole names as the name engine holds them (and as the peer stores them). */
function engineNames(body: CreatePersonBody): string[] {
  return body.names.map((n) => [n.given, n.patronymic, n.family].filter((x) => x !== undefined).join(' '));
}

// ---------------------------------------------------------------------------
// Queries: a border check's mix
// ---------------------------------------------------------------------------

type Category = 'traveller' | 'exact' | 'spelling' | 'script';
const MIX: readonly (readonly [Category, number])[] = [['traveller', 0.85], ['exact', 0.05], ['spelling', 0.05], ['script', 0.05]];
const CATEGORY_LABEL: Readonly<Record<Category, string>> = {
  traveller: 'traveller not in the database',
  exact: 'a record\'s name as stored',
  spelling: 'spelled differently',
  script: 'in the other script',
};

interface Query {
  category: Category;
  body: ScreenBody;
  /** The record looked for (index into the generated persons), or -1 for a traveller. */
  target: number;
}

const LATIN_LETTERS = 'abcdefghiklmnoprstuvz';
function typo(s: string, rnd: Rng): string {
  if (s.length < 4) return s;
  const at = 1 + Math.floor(rnd() * (s.length - 2));
  const letter = LATIN_LETTERS[Math.floor(rnd() * LATIN_LETTERS.length)]!;
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) return s.slice(0, at) + letter + s.slice(at + 1);
  if (kind === 1) return s.slice(0, at) + s.slice(at + 1);
  if (kind === 2) return s.slice(0, at) + letter + s.slice(at);
  return s.slice(0, at) + s[at + 1]! + s[at]! + s.slice(at + 2);
}

/** A name as someone types it: native or Latin, given or family first, patronymic kept or not, upper case as on a passport. */
function queryName(g: NameParts & { culture: Culture }, native: boolean, spelling: number, rnd: Rng, opts: { exactOrder?: boolean } = {}): string {
  const given = render(g.given, native, spelling);
  const patronymic = rnd() < 0.5 || opts.exactOrder ? render(g.patronymic, native, spelling) : undefined;
  const family = render(g.family, native, spelling);
  if (opts.exactOrder) return [given, patronymic, family].filter((x) => x !== undefined).join(' ');
  if (native && g.culture.shape === 'east-asian') return rnd() < 0.6 ? `${family ?? ''}${given ?? ''}` : `${family ?? ''} ${given ?? ''}`;
  const r = rnd();
  const text = r < 0.2 ? `${family ?? ''}, ${[given, patronymic].filter((x) => x !== undefined).join(' ')}`
    : r < 0.35 ? [family, given, patronymic].filter((x) => x !== undefined).join(' ')
      : [given, patronymic, family].filter((x) => x !== undefined).join(' ');
  return !native && rnd() < 0.3 ? text.toUpperCase() : text;
}

function queryBody(name: string, g: GenPerson, rnd: Rng, full: boolean): ScreenBody {
  const b = g.birth;
  const r = rnd();
  // A passport gives the full date; a desk enquiry sometimes less, and a date is sometimes entered day and month swapped.
  const birthDate = full || r < 0.75 ? fullDate(b) : r < 0.8 && b.d <= 12 ? `${b.y}-${pad(b.d)}-${pad(b.m)}` : r < 0.9 ? `${b.y}` : undefined;
  return {
    names: [name],
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(rnd() < 0.9 ? { sex: g.female ? 'F' : 'M' } : {}),
    ...(full || rnd() < 0.8 ? { nationality: g.nationality } : {}),
    location: 'CDG Terminal 2',
  };
}

function buildQueries(count: number): Query[] {
  const out: Query[] = [];
  let probe = 0;
  const nextTarget = (accept: (g: GenPerson) => boolean): { i: number; g: GenPerson } => {
    for (;;) {
      const i = mix32(STREAM_QUERIES, 1_000_000 + probe++) % N;
      const g = generate(STREAM_RECORDS, i);
      if (accept(g)) return { i, g };
    }
  };
  for (let k = 0; k < count; k++) {
    const rnd = mulberry32(mix32(STREAM_QUERIES, k));
    let x = rnd();
    let category: Category = 'traveller';
    for (const [c, share] of MIX) { x -= share; if (x <= 0) { category = c; break; } }
    if (category === 'traveller') {
      const g = generate(STREAM_TRAVELLERS, k);
      const native = g.culture.nativeShare > 0 && rnd() < 0.15;
      out.push({ category, target: -1, body: queryBody(queryName(g, native, g.spelling, rnd), g, rnd, true) });
    } else if (category === 'exact') {
      const { i, g } = nextTarget(() => true);
      out.push({ category, target: i, body: queryBody(queryName(g, g.native, g.spelling, rnd, { exactOrder: true }), g, rnd, false) });
    } else if (category === 'spelling') {
      const { i, g } = nextTarget((p) => !p.native);
      // Another usual spelling where the name has one; otherwise a typing error in one part.
      const alt = g.spelling + 1;
      const differs = [...g.given, ...g.patronymic, ...g.family].some((p) => p.latin[alt % p.latin.length] !== p.latin[g.spelling % p.latin.length]);
      let name = queryName(g, false, differs ? alt : g.spelling, rnd);
      if (!differs) {
        const words = name.split(' ');
        const w = words.reduce((best, s, j) => (s.length > words[best]!.length ? j : best), 0);
        words[w] = typo(words[w]!, rnd);
        name = words.join(' ');
      }
      out.push({ category, target: i, body: queryBody(name, g, rnd, false) });
    } else {
      const { i, g } = nextTarget((p) => p.culture.nativeShare > 0);
      // Stored in its own script: asked in Latin (any usual spelling); stored in Latin: asked in its own script.
      const name = g.native ? queryName(g, false, Math.floor(rnd() * 3), rnd) : queryName(g, true, 0, rnd);
      out.push({ category, target: i, body: queryBody(name, g, rnd, false) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------

function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
const p50 = (xs: readonly number[]): number => percentile(xs, 0.5);
const p99 = (xs: readonly number[]): number => percentile(xs, 0.99);

function memory(): { heap: number; rss: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.arrayBuffers, rss: m.rss };
}

interface WrkResult { rps: number; p50: number; p99: number; requests: number; errors: number }

async function wrk(url: string, script: string, seconds: number, connections: number): Promise<WrkResult> {
  const dir = await mkdtemp(join(tmpdir(), 'blueline-wrk-'));
  const file = join(dir, 'script.lua');
  await writeFile(file, script);
  try {
    const { stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', file, url], { maxBuffer: 1 << 20 });
    const toMs = (v: string, unit: string): number => Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
    const p = (q: string): number => {
      const m = new RegExp(`${q}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
      return m ? toMs(m[1]!, m[2]!) : NaN;
    };
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((s, v) => s + Number(v), 0) : 0);
    return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]), p50: p('50'), p99: p('99'), requests: Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0), errors };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A wrk script posting the query bodies in turn (each connection starts elsewhere in the list). */
function luaScreening(key: string, bodies: readonly string[]): string {
  const table = bodies.map((b) => `[==[${b}]==]`).join(',\n');
  return `
local bodies = {
${table}
}
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer ${key}" }
local n = 0
setup = function(thread) end
init = function(args) n = math.random(1, #bodies) end
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[n])
end
`;
}

// ---------------------------------------------------------------------------

interface Outcome { category: Category; ms: number; found: boolean | null }

interface Imported { persons: number; seed: number; names: number; seconds: number; at: string }

/** Imports the N persons through the API's path, then circulates a share of them; answers the import's figures. */
async function importPersons(config: ReturnType<typeof loadConfig>, today: string, seqOf: Int32Array): Promise<Imported> {
  await initHub(config);
  const ctx = await createHubContext(config);
  try {
    // 1. Import through the API's path: validate, insert, audit — a transaction per 1,000 records.
    const db = ctx.database.db;
    const owners = new Map<string, Principal>();
    const ownerOf = async (country: string): Promise<Principal> => {
      const known = owners.get(country);
      if (known) return known;
      const ncb = (await organisationStore.ncbOf(db, country)) ?? (await organisationStore.ncbOf(db, 'FR'));
      const { secret } = await apiKeyStore.create(db, { orgId: ncb!.id, name: `bench ${country}`, permissions: ['persons:write', 'persons:search'], createdBy: 'bench', expiresAt: null }, new Date().toISOString());
      const principal = await ctx.authenticator.authenticate(secret);
      owners.set(country, principal);
      return principal;
    };
    let names = 0;
    const importStarted = performance.now();
    let lastLog = importStarted;
    for (let from = 0; from < N; from += IMPORT_BATCH) {
      const now = new Date().toISOString();
      const batch: { i: number; input: ReturnType<typeof validateNewPerson>; owner: Principal }[] = [];
      for (let i = from; i < Math.min(N, from + IMPORT_BATCH); i++) {
        const g = generate(STREAM_RECORDS, i);
        const body = recordBody(g);
        batch.push({ i, input: validateNewPerson(body, today), owner: await ownerOf(g.owner) });
        names += body.names.length;
      }
      await ctx.database.transaction(async (trx) => {
        const events: { actor: Principal; event: AuditEvent }[] = [];
        for (const { i, input, owner } of batch) {
          const row = await personStore.insert(trx, newPersonRow(input, { orgId: owner.orgId, country: owner.country! }, owner.id, now));
          if (row.seq !== seqOf[i]) throw new Error(`person ${i} got index key ${row.seq}, not ${seqOf[i]}: the hub was not new`);
          events.push({ actor: owner, event: { action: 'persons.create', resourceType: 'person', resourceId: row.id, details: { names: input.names.length, birthDate: input.birth !== null, visibility: input.visibility, hitThreshold: input.hitThreshold, reviewDate: input.reviewDate } } });
        }
        await ctx.audit.recordMany(trx, events);
      });
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`  import: ${fmt(from + batch.length)} persons, ${fmt(((from + batch.length) / (lastLog - importStarted)) * 1000)}/s (${elapsed()})`);
      }
    }
    const importSeconds = (performance.now() - importStarted) / 1000;
    log(`import: ${fmt(N)} persons, ${fmt(names)} names in ${fmt(importSeconds, 1)} s = ${fmt(N / importSeconds)}/s (${elapsed()})`);

    // 2. Circulation (set-up, not timed as import): 50% a published notice, 10% a diffusion to three countries.
    const circulationStarted = performance.now();
    let notices = 0;
    let diffusions = 0;
    const reviewDate = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
    for (let after = 0; ;) {
      const rows = await db.selectFrom('persons').select(['seq', 'id', 'owner_org_id', 'owner_country']).where('seq', '>', after).orderBy('seq').limit(5000).execute();
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1]!.seq);
      const now = new Date().toISOString();
      const noticeRows: NoticeRow[] = [];
      for (const r of rows) {
        const h = mix32(9, Number(r.seq)) % 100;
        if (h >= 60) continue;
        const diffusion = h >= 50;
        const t = mix32(10, Number(r.seq)) % 100;
        const others = BIG_OWNERS.filter((o) => o !== r.owner_country);
        noticeRows.push(newNoticeRow({
          person_id: r.id, kind: diffusion ? 'diffusion' : 'notice', type: t < 60 ? 'red' : t < 85 ? 'yellow' : 'blue', status: 'published',
          summary: diffusion ? 'wanted for questioning: fraud' : 'wanted for prosecution: armed robbery',
          countries: JSON.stringify(diffusion ? [others[t % others.length]!, others[(t + 7) % others.length]!, ...(t % 3 === 0 ? ['FR'] : [])].filter((c, j, a) => a.indexOf(c) === j).sort() : []),
          requester_org_id: r.owner_org_id, requester_country: r.owner_country, review_date: reviewDate,
          created_at: now, created_by: 'bench', published_at: now,
        }));
        if (diffusion) diffusions++;
        else notices++;
      }
      await ctx.database.transaction(async (trx) => {
        for (let k = 0; k < noticeRows.length; k += 1000) {
          const part = noticeRows.slice(k, k + 1000);
          await trx.insertInto('notices').values(part).execute();
          await trx.insertInto('notice_events').values(part.map((n) => ({ notice_id: n.id, seq: 1, at: now, actor_id: 'bench', actor_org_id: n.requester_org_id, status_from: null, status_to: 'published', note: null }))).execute();
        }
      });
    }
    log(`circulation: ${fmt(notices)} published notices, ${fmt(diffusions)} diffusions in ${fmt((performance.now() - circulationStarted) / 1000, 1)} s (set-up, not timed as import) (${elapsed()})`);
    return { persons: N, seed: SEED, names, seconds: importSeconds, at: new Date().toISOString().slice(0, 10) };
  } finally {
    await ctx.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'blueline-bench-persons-'));
  const load0 = loadavg();
  const keep = values.data !== undefined;
  const dataDir = values.data === undefined ? join(dir, 'hub') : resolve(values.data, 'hub');
  log(`persons: ${fmt(N)}; queries: ${fmt(QUERIES)}; hub data in ${dataDir}${keep ? ' (kept)' : ''}; load average ${load0.map((l) => l.toFixed(1)).join(' ')}; ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB`);
  // A rough need: the index (~200 B a name, ~1.2 names a person) twice over while it grows, and the bench's own arrays.
  const need = N * 1.2 * 200 * 2 + N * 4;
  if (need > freemem() * 0.7) log(`warning: ${fmt(N)} persons may need about ${fmt(need / 2 ** 30, 1)} GiB; ${fmt(freemem() / 2 ** 30, 1)} GiB free`);
  const config = loadConfig({
    env: {},
    overrides: { dataDir, scryptCost: 10, checkpointInterval: 0, logLevel: 'error', sqliteSynchronous: 'full', host: '127.0.0.1', port: 0, nodePort: 0 },
  });
  let hub: RunningHub | undefined;
  try {
    const today = new Date().toISOString().slice(0, 10);
    // Person i is the i-th inserted into a new hub: its index key (seq) is i + 1.
    const seqOf = Int32Array.from({ length: N }, (_, i) => i + 1);

    // 1. Import (or, with --data, the import an earlier run left there for the same persons).
    const marker = values.data === undefined ? undefined : resolve(values.data, 'bench-persons.json');
    let imported: Imported | undefined;
    if (marker && existsSync(marker)) {
      const found = JSON.parse(await readFile(marker, 'utf8')) as Imported;
      if (found.persons !== N || found.seed !== SEED) throw new Error(`${values.data} holds ${fmt(found.persons)} persons of seed ${found.seed}, not ${fmt(N)} of seed ${SEED}; give another --data folder`);
      imported = found;
      log(`import: reusing ${fmt(N)} persons imported on ${found.at} at ${fmt(N / found.seconds)}/s (${elapsed()})`);
    } else {
      if (existsSync(dataDir)) throw new Error(`${dataDir} exists but holds no finished import; remove it or give another --data folder`);
      imported = await importPersons(config, today, seqOf);
      if (marker) await writeFile(marker, JSON.stringify(imported));
    }
    const { names, seconds: importSeconds } = imported;

    const queries = buildQueries(QUERIES);
    const bodies = queries.map((q) => JSON.stringify(q.body));
    const targetSeq = (q: Query): number => (q.target < 0 ? -1 : seqOf[q.target]!);

    const dbBytes = await folderBytes(dataDir);
    log(`database folder: ${fmt(dbBytes / MiB)} MiB (${fmt(dbBytes / N)} bytes a person, audit and notices included)`);

    // 3. A hub starting on that data: the name index is built from the database. What a hub with no
    // persons takes on starting (HTTP apps, schemas, other indexes) is measured first, to tell it apart.
    const emptyConfig = loadConfig({ env: {}, overrides: { dataDir: join(dir, 'empty'), scryptCost: 10, checkpointInterval: 0, logLevel: 'error', host: '127.0.0.1', port: 0, nodePort: 0 } });
    await initHub(emptyConfig);
    const emptyBefore = memory();
    const emptyHub = await startHub(emptyConfig);
    const emptyAfter = memory();
    await emptyHub.close();
    const fixedHeap = emptyAfter.heap - emptyBefore.heap;
    log(`a hub with no persons grows the heap by ${fmt(fixedHeap / MiB, 1)} MiB on starting`);
    const before = memory();
    const startStarted = performance.now();
    hub = await startHub(config);
    const startSeconds = (performance.now() - startStarted) / 1000;
    const after = memory();
    const stats = hub.ctx.personIndex.stats;
    const engine = (hub.ctx.personIndex as unknown as { names?: NameIndex }).names;
    const parts = engine?.memory().parts ?? {};
    const indexHeap = after.heap - before.heap - fixedHeap;
    log(`hub started in ${fmt(startSeconds, 1)} s: index of ${fmt(stats.persons)} persons, ${fmt(stats.names)} names (${fmt(stats.skipped)} left out), ${fmt(engine?.partCount ?? 0)} distinct parts; own count ${fmt(stats.bytes / MiB, 1)} MiB = ${fmt(stats.bytesPerName, 1)} B/name; heap+buffers +${fmt((after.heap - before.heap) / MiB, 1)} MiB (${fmt(indexHeap / stats.names, 1)} B/name beyond an empty hub's), RSS +${fmt((after.rss - before.rss) / MiB, 1)} MiB (${elapsed()})`);
    log(`  own count by component, bytes per name: ${Object.entries(parts).map(([k, v]) => `${k} ${fmt(v / Math.max(1, stats.names), 1)}`).join(', ')}`);

    // 4a. The names engine alone, as the screening service calls it.
    const engineQueries: ScreeningQuery[] = queries.map((q) => validateScreening(q.body, today).query);
    const engineOptions = { limit: Math.min(1000, PERSON_LIMITS.screenDefaultLimit * 4 + 20), threshold: Math.min(PERSON_LIMITS.defaultMinScore, PERSON_LIMITS.hitThresholdFloor) };
    for (const q of engineQueries.slice(0, 200)) hub.ctx.personIndex.screen(q, engineOptions);
    const engineOutcomes: Outcome[] = [];
    const engineCandidates: number[] = [];
    const engineStarted = performance.now();
    for (let k = 0; k < queries.length; k++) {
      const t = performance.now();
      const found = hub.ctx.personIndex.screen(engineQueries[k]!, engineOptions);
      const ms = performance.now() - t;
      const target = targetSeq(queries[k]!);
      engineOutcomes.push({ category: queries[k]!.category, ms, found: target < 0 ? null : found.slice(0, 10).some((c) => c.personId === target) });
      engineCandidates.push(found.length);
    }
    const engineRate = (queries.length / (performance.now() - engineStarted)) * 1000;
    const engineMs = engineOutcomes.map((o) => o.ms);
    log(`engine: p50 ${fmt(p50(engineMs), 2)} ms, p99 ${fmt(p99(engineMs), 2)} ms, max ${fmt(Math.max(...engineMs), 1)} ms, ${fmt(engineRate)}/s one at a time (${elapsed()})`);
    const slowest = engineOutcomes.map((o, k) => ({ o, k })).sort((a, b) => b.o.ms - a.o.ms).slice(0, 6);
    for (const { o, k } of slowest) log(`  slow: ${fmt(o.ms, 1)} ms, ${o.category}, ${engineCandidates[k]} candidates ≥ ${engineOptions.threshold}: ${bodies[k]}`);

    // 4b. The screening service, one at a time: index, database, access rules, hits, audit committed.
    const fr = (await organisationStore.ncbOf(hub.ctx.database.db, 'FR'))!;
    const { secret } = await apiKeyStore.create(hub.ctx.database.db, { orgId: fr.id, name: 'bench border', permissions: ['persons:search'], createdBy: 'bench', expiresAt: null }, new Date().toISOString());
    const searcher = await hub.ctx.authenticator.authenticate(secret);
    for (const q of queries.slice(0, 100)) await hub.ctx.persons.screen(searcher, q.body);
    const serviceMs: number[] = [];
    const outcomes = { hit: 0, possible_match: 0, no_hit: 0 };
    let shown = 0;
    const serviceStarted = performance.now();
    for (const q of queries) {
      const t = performance.now();
      const result = await hub.ctx.persons.screen(searcher, q.body);
      serviceMs.push(performance.now() - t);
      outcomes[result.outcome]++;
      shown += result.candidates.length;
    }
    const serviceRate = (queries.length / (performance.now() - serviceStarted)) * 1000;
    log(`service, one at a time: p50 ${fmt(p50(serviceMs), 2)} ms, p99 ${fmt(p99(serviceMs), 2)} ms, ${fmt(serviceRate)}/s; outcomes ${JSON.stringify(outcomes)}, ${fmt(shown / queries.length, 2)} candidates shown per screening (${elapsed()})`);

    // 4c. The service with many screenings in flight for a fixed time (no HTTP): what one process can do.
    let next = 0;
    let concurrentDone = 0;
    const concurrentStarted = performance.now();
    const concurrentUntil = concurrentStarted + HTTP_SECONDS * 1000;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < concurrentUntil) {
        await hub!.ctx.persons.screen(searcher, queries[next++ % queries.length]!.body);
        concurrentDone++;
      }
    }));
    const concurrentRate = (concurrentDone / (performance.now() - concurrentStarted)) * 1000;
    log(`service, ${CONNECTIONS} in flight: ${fmt(concurrentRate)}/s (${elapsed()})`);

    // 5. Over HTTP on loopback with the API key: one connection (latency), then many (throughput).
    const url = `${hub.url}/api/v1/persons/screen`;
    const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: bodies[0]! });
    if (probe.status !== 200) throw new Error(`screening over HTTP answered ${probe.status}: ${await probe.text()}`);
    const script = luaScreening(secret, bodies);
    await wrk(url, script, 2, CONNECTIONS);
    const httpOne = await wrk(url, script, HTTP_SECONDS, 1);
    log(`HTTP, 1 connection: ${fmt(httpOne.rps)}/s, p50 ${fmt(httpOne.p50, 2)} ms, p99 ${fmt(httpOne.p99, 2)} ms, ${httpOne.errors} errors (${elapsed()})`);
    const httpMany = await wrk(url, script, HTTP_SECONDS, CONNECTIONS);
    log(`HTTP, ${CONNECTIONS} connections: ${fmt(httpMany.rps)}/s, p50 ${fmt(httpMany.p50, 2)} ms, p99 ${fmt(httpMany.p99, 2)} ms, ${httpMany.errors} errors (${elapsed()})`);
    const underLoad = memory();
    await hub.close();
    hub = undefined;

    // 6. The peer: the same names in PostgreSQL, a GIN trigram index, top 10 by similarity for the same query names.
    const peer = values['no-peer'] ? undefined : await runPeer(seqOf, queries.slice(0, PG_QUERIES), queries);

    // ---------------------------------------------------------------- report
    const load1 = loadavg();
    const byCategory = (cat: Category, xs: readonly Outcome[]): Outcome[] => xs.filter((o) => o.category === cat);
    const foundRate = (xs: readonly Outcome[]): string => {
      const judged = xs.filter((o) => o.found !== null);
      return judged.length === 0 ? '—' : `${fmt((100 * judged.filter((o) => o.found).length) / judged.length)}%`;
    };
    const ratio = (a: number, b: number | undefined, d = 2): string => (b === undefined || !Number.isFinite(b) || b === 0 ? '—' : fmt(a / b, d));
    const mixText = MIX.map(([c, s]) => `${fmt(s * 100)}% ${CATEGORY_LABEL[c]}`).join(', ');
    const out: string[] = [];
    out.push('');
    out.push(`persons benchmark: ${fmt(N)} persons (${fmt(names)} names), ${fmt(QUERIES)} queries (${mixText}), HTTP ${HTTP_SECONDS} s per test, node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z; load average ${load0.map((l) => l.toFixed(1)).join(' ')} at start, ${load1.map((l) => l.toFixed(1)).join(' ')} at end; ${cpus().length} cores`);
    out.push('');
    out.push('| measure | Blueline | PostgreSQL pg_trgm peer | ratio |');
    out.push('| --- | ---: | ---: | ---: |');
    out.push(`| import, persons/s (validated, inserted, audited; transactions of ${fmt(IMPORT_BATCH)}) | ${fmt(N / importSeconds)} (${fmt(importSeconds, 0)} s) | ${peer ? `${fmt(peer.loadPersonsRate)} (names as rows, multi-row INSERT, ${fmt(peer.loadSeconds, 0)} s)` : '—'} | ${ratio(N / importSeconds, peer?.loadPersonsRate)} |`);
    out.push(`| index build | ${fmt(startSeconds, 1)} s (hub start; ${fmt(stats.names / startSeconds)} names/s) | ${peer ? `${fmt(peer.indexSeconds, 1)} s (CREATE INDEX … gin_trgm_ops)` : '—'} | — |`);
    out.push(`| index memory, bytes per name: the index's own count; heap + buffers growth at start beyond an empty hub's; RSS growth | ${fmt(stats.bytesPerName, 1)}; ${fmt(indexHeap / stats.names, 1)}; ${fmt((after.rss - before.rss) / stats.names, 1)} (${fmt(stats.bytes / MiB)} MiB own count) | ${peer ? `${fmt(peer.indexBytes / peer.names, 1)} (GIN index on disk, ${fmt(peer.indexBytes / MiB)} MiB)` : '—'} | — |`);
    out.push(`| resident memory of the hub after start / after the HTTP tests, MiB | ${fmt(after.rss / MiB)} / ${fmt(underLoad.rss / MiB)} | — | — |`);
    out.push(`| names engine p50 / p99 ms, one at a time (index only) | ${fmt(p50(engineMs), 2)} / ${fmt(p99(engineMs), 2)} (max ${fmt(Math.max(...engineMs), 1)}) | ${peer ? `${fmt(p50(peer.ms), 2)} / ${fmt(p99(peer.ms), 2)} (max ${fmt(Math.max(...peer.ms), 1)}; one query at a time, ${fmt(peer.ms.length)} queries)` : '—'} | ${peer ? `p99 ${ratio(p99(engineMs), p99(peer.ms))}` : '—'} |`);
    out.push(`| screening service p50 / p99 ms, one at a time (index, database, access, hits, audit commit) | ${fmt(p50(serviceMs), 2)} / ${fmt(p99(serviceMs), 2)} | — | ${peer ? `p99 ${ratio(p99(serviceMs), p99(peer.ms))}` : '—'} |`);
    out.push(`| screenings/s in process: one at a time; ${CONNECTIONS} in flight | ${fmt(serviceRate)}; ${fmt(concurrentRate)} | ${peer ? `${fmt(1000 / (peer.ms.reduce((s, x) => s + x, 0) / peer.ms.length))}; ${fmt(peer.rate)} (pool of ${peer.pool}, ${peer.inFlight} in flight)` : '—'} | ${peer ? ratio(concurrentRate, peer.rate) : '—'} |`);
    out.push(`| HTTP, 1 connection: screenings/s, p50 / p99 ms (wrk) | ${fmt(httpOne.rps)}, ${fmt(httpOne.p50, 2)} / ${fmt(httpOne.p99, 2)} | — | — |`);
    out.push(`| HTTP, ${CONNECTIONS} connections: screenings/s, p50 / p99 ms (wrk; authenticated, audited) | ${fmt(httpMany.rps)}, ${fmt(httpMany.p50, 2)} / ${fmt(httpMany.p99, 2)} | ${peer ? `${fmt(peer.rate)} (pg, no HTTP)` : '—'} | ${peer ? ratio(httpMany.rps, peer.rate) : '—'} |`);
    out.push(`| outcomes as the French NCB saw them (service run) | hit ${fmt((100 * outcomes.hit) / queries.length, 1)}%, possible match ${fmt((100 * outcomes.possible_match) / queries.length, 1)}%, no hit ${fmt((100 * outcomes.no_hit) / queries.length, 1)}%; ${fmt(shown / queries.length, 2)} candidates shown a screening | ${peer ? `${fmt(peer.rowsPerQuery, 2)} rows a query (top 10, similarity ≥ 0.3)` : '—'} | — |`);
    out.push(`| sanity, not recall: the person asked for in the top 10 (engine; exact / spelled differently / other script) | ${foundRate(byCategory('exact', engineOutcomes))} / ${foundRate(byCategory('spelling', engineOutcomes))} / ${foundRate(byCategory('script', engineOutcomes))} | ${peer ? `${foundRate(byCategory('exact', peer.outcomes))} / ${foundRate(byCategory('spelling', peer.outcomes))} / ${foundRate(byCategory('script', peer.outcomes))}` : '—'} | — |`);
    out.push('');
    out.push('Latency by kind of query, p50 / p99 ms:');
    out.push('');
    out.push('| query | share | names engine | pg_trgm |');
    out.push('| --- | ---: | ---: | ---: |');
    for (const [c] of MIX) {
      const e = byCategory(c, engineOutcomes).map((o) => o.ms);
      const pgm = peer ? byCategory(c, peer.outcomes).map((o) => o.ms) : [];
      out.push(`| ${CATEGORY_LABEL[c]} | ${fmt((100 * e.length) / queries.length, 1)}% | ${fmt(p50(e), 2)} / ${fmt(p99(e), 2)} | ${pgm.length > 0 ? `${fmt(p50(pgm), 2)} / ${fmt(p99(pgm), 2)}` : '—'} |`);
    }
    console.log(out.join('\n'));
  } finally {
    await hub?.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    log(`cleaned up ${dir} (${elapsed()})`);
  }
}

async function folderBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

interface PeerResult {
  loadSeconds: number;
  loadPersonsRate: number;
  names: number;
  indexSeconds: number;
  indexBytes: number;
  ms: number[];
  outcomes: Outcome[];
  rowsPerQuery: number;
  rate: number;
  pool: number;
  inFlight: number;
}

async function runPeer(seqOf: Int32Array, serial: readonly Query[], all: readonly Query[]): Promise<PeerResult> {
  const schema = `bench_persons_${process.pid}`;
  const POOL = 8;
  const IN_FLIGHT = 16;
  const pool = new pg.Pool({ connectionString: PG_URL, max: POOL, options: `-c search_path=${schema},public` });
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query('CREATE TABLE person_names (person_id integer NOT NULL, name text NOT NULL)');
    const started = performance.now();
    let names = 0;
    let ids: number[] = [];
    let texts: string[] = [];
    const flush = async (): Promise<void> => {
      if (ids.length === 0) return;
      await pool.query('INSERT INTO person_names (person_id, name) SELECT * FROM unnest($1::int[], $2::text[])', [ids, texts]);
      ids = [];
      texts = [];
    };
    let lastLog = started;
    for (let i = 0; i < N; i++) {
      for (const name of engineNames(recordBody(generate(STREAM_RECORDS, i)))) { ids.push(seqOf[i]!); texts.push(name); names++; }
      if (ids.length >= 10_000) await flush();
      if (performance.now() - lastLog > 15_000) { lastLog = performance.now(); log(`  peer load: ${fmt(i)} persons (${elapsed()})`); }
    }
    await flush();
    const loadSeconds = (performance.now() - started) / 1000;
    const t0 = performance.now();
    // What a team would do: a GIN trigram index, with enough memory to build it.
    const client = await pool.connect();
    try {
      await client.query('SET maintenance_work_mem = \'256MB\'');
      await client.query('CREATE INDEX person_names_trgm ON person_names USING gin (name gin_trgm_ops)');
      await client.query('ANALYZE person_names');
    } finally { client.release(); }
    const indexSeconds = (performance.now() - t0) / 1000;
    const size = await pool.query<{ bytes: string }>('SELECT pg_relation_size(\'person_names_trgm\')::text AS bytes');
    log(`peer: ${fmt(names)} names loaded in ${fmt(loadSeconds, 1)} s, GIN index in ${fmt(indexSeconds, 1)} s (${elapsed()})`);

    const sql = 'SELECT person_id, max(similarity(name, $1)) AS score FROM person_names WHERE name % $1 GROUP BY person_id ORDER BY score DESC, person_id LIMIT 10';
    for (const q of all.slice(0, 50)) await pool.query(sql, [q.body.names[0]]);
    const ms: number[] = [];
    const outcomes: Outcome[] = [];
    let rows = 0;
    for (const q of serial) {
      const t = performance.now();
      const res = await pool.query<{ person_id: number }>(sql, [q.body.names[0]]);
      const took = performance.now() - t;
      ms.push(took);
      rows += res.rows.length;
      const target = q.target < 0 ? -1 : seqOf[q.target]!;
      outcomes.push({ category: q.category, ms: took, found: target < 0 ? null : res.rows.some((r) => r.person_id === target) });
    }
    log(`peer, one at a time: p50 ${fmt(p50(ms), 2)} ms, p99 ${fmt(p99(ms), 2)} ms (${elapsed()})`);
    let next = 0;
    let done = 0;
    const until = performance.now() + HTTP_SECONDS * 1000;
    const t1 = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < until) {
        const q = all[next++ % all.length]!;
        await pool.query(sql, [q.body.names[0]]);
        done++;
      }
    }));
    const rate = (done / (performance.now() - t1)) * 1000;
    log(`peer, ${IN_FLIGHT} in flight: ${fmt(rate)}/s (${elapsed()})`);
    return { loadSeconds, loadPersonsRate: N / loadSeconds, names, indexSeconds, indexBytes: Number(size.rows[0]?.bytes ?? 0), ms, outcomes, rowsPerQuery: rows / serial.length, rate, pool: POOL, inFlight: IN_FLIGHT };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
