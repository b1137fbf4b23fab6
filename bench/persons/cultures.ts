/** Names of 19 cultures, per script, with their usual Latin spellings and frequencies. */
import type { Rng } from './generation.js';

// ---------------------------------------------------------------------------
// ---------------------------------------------------------------------------
// Names: per culture, parts as [native script:]Latin spelling|other spelling…
// ---------------------------------------------------------------------------

/** One name part: as written in its own script (null for Latin-script cultures) and its Latin spellings, the usual first. */
export interface Part {
  readonly native: string | null;
  readonly latin: readonly string[];
}

/** "Latin|Variant" tokens, or "native:Latin|Variant" tokens; `_` is a space inside a part ("De_Luca"). */
export function parts(text: string): Part[] {
  return text.trim().split(/\s+/u).map((token) => {
    const t = token.replace(/_/gu, ' ');
    const colon = t.indexOf(':');
    if (colon < 0) return { native: null, latin: t.split('|') };
    return { native: t.slice(0, colon), latin: t.slice(colon + 1).split('|') };
  });
}

/** A syllable table, `native:latin|variant` or plain `latin`; `0` (or `0:0`) is no syllable. */
export function syllables(text: string): Part[] {
  return parts(text).map((p) => (p.latin[0] === '0' ? { native: p.native === null ? null : '', latin: [''] } : p));
}

export type Shape = 'western' | 'hispanic' | 'slavic' | 'polish' | 'arabic' | 'east-asian' | 'vietnamese';

export interface Culture {
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
export function joinSyllables(list: readonly Part[], given = true): Part {
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const first = list.map((p) => p.latin[0]!);
  const last = list.map((p) => p.latin[p.latin.length - 1]!);
  const forms = given ? [cap(first.join('')), first.map((s, i) => (i === 0 ? cap(s) : s)).join('-'), cap(last.join(''))] : [first.join(''), last.join('')];
  const native = list.every((p) => p.native !== null) ? list.map((p) => p.native).join('') : null;
  return { native, latin: [...new Set(forms)] };
}

export function pickUniform<T>(list: readonly T[], rnd: Rng): T {
  return list[Math.floor(rnd() * list.length)]!;
}

export function syllableTail(roots: readonly Part[], mids: readonly Part[], ends: readonly Part[]): (rnd: Rng) => Part {
  return (rnd) => {
    const chosen = [pickUniform(roots, rnd), pickUniform(mids, rnd), pickUniform(ends, rnd)].filter((p) => p.latin[0] !== '');
    return joinSyllables(chosen, false);
  };
}

export const CULTURES: readonly Culture[] = [
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

export const CHINESE_SYLLABLES = syllables('伟:wei 军:jun 浩:hao 磊:lei 强:qiang 勇:yong 杰:jie 涛:tao 明:ming 超:chao 刚:gang 建:jian 波:bo 鹏:peng 辉:hui 斌:bin 峰:feng 海:hai 亮:liang 成:cheng 洋:yang 凯:kai 龙:long 鑫:xin 宇:yu 芳:fang 娜:na 敏:min 静:jing 丽:li 艳:yan 娟:juan 霞:xia 平:ping 红:hong 玲:ling 梅:mei 兰:lan 英:ying 华:hua 云:yun 雪:xue 志:zhi 国:guo 文:wen 小:xiao 子:zi 天:tian 家:jia 一:yi 晓:xiao 俊:jun 思:si 欣:xin 怡:yi 婷:ting 睿:rui 泽:ze 博:bo 轩:xuan 涵:han 诗:shi 梦:meng 雨:yu');
export const KOREAN_SYLLABLES = syllables('민:min 준:jun|joon 서:seo 지:ji 현:hyun|hyeon 우:woo|u 영:young|yeong 수:su|soo 호:ho 은:eun 혜:hye 진:jin 성:sung|seong 동:dong 재:jae 희:hee|hui 연:yeon 경:kyung|gyeong 상:sang 태:tae 하:ha 나:na 유:yu|yoo 원:won 정:jung|jeong 도:do 승:seung 예:ye 윤:yoon|yun 주:ju|joo');
export const ARABIC_GIVEN_FOR_FAMILY = parts('حسن:Hassan|Hasan حسين:Hussein|Hussain عمر:Omar|Umar سعيد:Said|Saeed كريم:Karim|Kareem ناصر:Nasser|Nasir صالح:Saleh|Salih منصور:Mansour|Mansur جمال:Jamal|Gamal خطيب:Khatib عباس:Abbas رشيد:Rashid|Rachid قاسم:Qasim|Kassem حكيم:Hakim|Hakeem سليم:Salim|Selim نجار:Najjar مهدي:Mahdi|Mehdi هاشم:Hashim|Hashem زين:Zein|Zain فارس:Fares|Faris أمين:Amin|Amine بكري:Bakri|Bakry شامي:Shami|Chami حلبي:Halabi|Alabi خوري:Khoury|Khouri بغدادي:Baghdadi راشد:Rashed|Rashid سالم:Salem|Salim عثمان:Othman|Osman');

/** Big NCBs that also own records of persons of other nationalities. */
export const BIG_OWNERS = ['US', 'GB', 'FR', 'DE', 'ES', 'IT', 'TR', 'RU', 'IN', 'BR', 'CN', 'NG', 'AE', 'SA', 'AU', 'CA', 'MX', 'PL', 'UA', 'ZA'];
export const TOTAL_WEIGHT = CULTURES.reduce((s, c) => s + c.weight, 0);

/** Zipf-like pick (rank r weighs 1/(r+1)^1): a few very common names, a long tail. */
const cumulative = new WeakMap<readonly Part[], Float64Array>();
export function zipf(list: readonly Part[], rnd: Rng): Part {
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
