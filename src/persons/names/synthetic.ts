/**
 * Deterministic synthetic persons for benchmarks and evaluation: names drawn
 * across cultures and scripts (given names, surnames, patronymics, Arabic
 * name chains, Chinese and Korean names in characters or romanised,
 * Japanese names in kanji, kana or Hepburn), with skewed frequencies (a few
 * names very common, a long tail), spelling noise, aliases, birth dates of
 * every precision, sex and nationality. The lists were written for this
 * project; they are common names, not data about anyone.
 */
import type { BirthDateInput } from './birth-date.js';
import type { PersonNames, Sex } from './name-index.js';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Culture {
  readonly weight: number;
  readonly nationalities: readonly string[];
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly surnames: readonly string[];
  /** How a full name is put together. */
  readonly shape: 'western' | 'hispanic' | 'slavic' | 'arabic' | 'east-asian' | 'single-token';
  /** Native-script lists (used for a share of the records). */
  readonly native?: { share: number; male: readonly string[]; female: readonly string[]; surnames: readonly string[]; shape: Culture['shape'] };
}

const w = (s: string): string[] => s.trim().split(/\s+/u);

const CULTURES: readonly Culture[] = [
  { weight: 10, nationalities: ['USA', 'GBR', 'CAN', 'AUS', 'IRL'], shape: 'western',
    male: w('James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Frank Gregory Raymond Patrick Jack Dennis Jerry Tyler Aaron Henry Adam Peter Nathan Zachary Kyle Walter Harold Jeremy Carl Keith Roger Gerald Ethan Arthur Terry Christian Sean Lawrence Austin Joe Noah Jesse Albert Bryan Billy Bruce Willie Jordan Dylan Alan Ralph Gabriel Roy Juan Wayne Eugene Logan Randy Louis Russell Vincent Philip Bobby Johnny Bradley'),
    female: w('Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Julia Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori'),
    surnames: w('Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval') },
  { weight: 10, nationalities: ['MEX', 'ESP', 'COL', 'ARG', 'PER', 'VEN', 'CHL', 'ECU', 'GTM', 'CUB'], shape: 'hispanic',
    male: w('José Juan Luis Carlos Jorge Miguel Pedro Francisco Antonio Manuel Jesús Alejandro Fernando Ricardo Javier Roberto Eduardo Daniel Sergio Rafael Raúl Andrés Diego Pablo Alberto Mario Héctor Arturo Enrique Óscar Víctor Gustavo Alfredo Hugo Ramón Rubén Santiago Sebastián Mateo Nicolás Emilio Gabriel Ignacio Joaquín Gonzalo Rodrigo Felipe Cristian Esteban Ernesto Guillermo Julio César Adrián Iván Martín Agustín Tomás Álvaro Samuel Leonardo Marcos Gerardo Armando Alfonso Salvador Lorenzo Benjamín Elías Ismael Moisés Abraham'),
    female: w('María Ana Carmen Rosa Laura Isabel Lucía Sofía Valentina Camila Gabriela Daniela Andrea Paula Marta Elena Patricia Teresa Alejandra Fernanda Mariana Carolina Natalia Verónica Silvia Claudia Adriana Beatriz Pilar Dolores Guadalupe Lorena Mónica Sandra Raquel Cristina Victoria Ximena Jimena Luisa Juana Margarita Esperanza Consuelo Rocío Inés Julia Alicia Susana Norma Gloria Leticia Yolanda Marisol Araceli Estefanía Paola Renata Regina Florencia Agustina Martina Catalina Antonella Josefina Milagros'),
    surnames: w('García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos Vega Fuentes Carrasco Diez Caballero Reyes Nieto Aguilar Pascual Santana Herrero Lorenzo Montero Hidalgo Giménez Ibáñez Ferrer Durán Santiago Benítez Mora Vicente Vargas Arias Carmona Crespo Román Pastor Soto Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas Salazar Mendoza Aguirre Espinoza Chávez Contreras Valdez Guzmán Rivera Sandoval Ayala Zamora Escobar Villanueva Quintero Figueroa Cárdenas Pineda Paredes Ochoa Valencia Cervantes Acosta Ibarra Bautista Maldonado Trujillo Solís Quiroga Barrios Zúñiga Bermúdez') },
  { weight: 5, nationalities: ['FRA', 'BEL', 'CHE', 'CAN'], shape: 'western',
    male: w('Jean Pierre Michel André Philippe Alain Jacques Bernard Christophe François Nicolas Daniel Patrick Frédéric Laurent Stéphane Éric David Olivier Julien Thierry Sébastien Pascal Didier Thomas Guillaume Antoine Maxime Alexandre Vincent Mathieu Romain Hugo Lucas Louis Gabriel Arthur Raphaël Léo Théo Yves Claude Gérard Henri Marcel Georges Rémi Benoît Cédric Jérôme Arnaud Fabrice Loïc'),
    female: w('Marie Nathalie Isabelle Sylvie Catherine Françoise Christine Monique Valérie Sandrine Sophie Céline Véronique Nicole Chantal Stéphanie Aurélie Julie Camille Léa Manon Chloé Emma Inès Jade Louise Alice Lina Margaux Océane Pauline Élodie Émilie Amandine Mélanie Laetitia Virginie Audrey Hélène Brigitte Danielle Jacqueline Simone Geneviève Colette Juliette Claire Anaïs Clémence Lucie'),
    surnames: w('Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da Silva Hubert Louis Charles Guillot Rivière Le Gall Guillaume Adam Rey Moulin Gonzalez Berger Lecomte Menard Fleury Deschamps Carpentier Julien Benoit Paris Maillard Marchal Aubry Vasseur Le Roux Renault Jacquet Collet Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carré Breton Remy Schneider Perrot Guyot Barre Marty Cousin') },
  { weight: 5, nationalities: ['DEU', 'AUT', 'CHE'], shape: 'western',
    male: w('Peter Michael Thomas Andreas Wolfgang Klaus Jürgen Stefan Christian Uwe Werner Hans Frank Bernd Matthias Helmut Gerhard Dieter Martin Jörg Ralf Manfred Günter Horst Markus Sven Tobias Florian Sebastian Jan Lukas Leon Finn Jonas Paul Felix Maximilian Niklas Tim Moritz Alexander Daniel Dennis Marcel Oliver Torsten Heinz Karl Friedrich Wilhelm Ernst Otto Rainer Holger Dirk Volker Norbert'),
    female: w('Ursula Monika Petra Elke Sabine Renate Helga Karin Brigitte Ingrid Erika Andrea Gabriele Christa Susanne Birgit Martina Angelika Heike Claudia Anja Katrin Nicole Stefanie Julia Sandra Anna Laura Lena Lea Leonie Hannah Mia Emma Sophie Marie Johanna Katharina Lisa Sarah Jana Franziska Christine Barbara Gisela Waltraud Hildegard Annette Silke Doris Jutta Bettina Ute Dagmar'),
    surnames: w('Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer') },
  { weight: 4, nationalities: ['ITA'], shape: 'western',
    male: w('Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Carlo Franco Domenico Bruno Paolo Michele Giorgio Aldo Sergio Luciano Roberto Stefano Marco Alessandro Andrea Luca Matteo Lorenzo Leonardo Gabriele Riccardo Tommaso Davide Simone Federico Emanuele Fabio Massimo Claudio Maurizio Enrico Alberto Gianluca Daniele Nicola Raffaele Gennaro Ciro Filippo'),
    female: w('Maria Anna Giuseppina Rosa Angela Giovanna Teresa Lucia Carmela Caterina Francesca Antonietta Carla Elena Concetta Rita Margherita Franca Paola Laura Giulia Sofia Aurora Alice Ginevra Emma Giorgia Greta Beatrice Martina Chiara Sara Alessia Federica Valentina Silvia Elisa Roberta Cristina Monica Barbara Simona Daniela Patrizia Raffaella Serena Ilaria'),
    surnames: w('Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola De Santis D\'Angelo Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala De Angelis Gatti Pellegrini Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza Testa Grassi Pellegrino Carbone Giuliani Benedetti Barone Rossetti Caputo Montanari Guerra Palmieri Bernardi Martino Fiore De Rosa Ferretti Bellini Basile Riva Donati Piras Vitali Battaglia Sartori Neri Costantini Milani Pagano Ruggiero Sorrentino D\'Amico Orlando Damico Negri') },
  { weight: 4, nationalities: ['POL'], shape: 'western',
    male: w('Piotr Krzysztof Andrzej Tomasz Paweł Jan Michał Marcin Stanisław Jakub Adam Marek Łukasz Grzegorz Mateusz Wojciech Mariusz Dariusz Zbigniew Jerzy Maciej Rafał Robert Kamil Józef Szymon Janusz Ryszard Kacper Tadeusz Sebastian Dawid Bartosz Mirosław Henryk Artur Filip Wiesław Damian Przemysław'),
    female: w('Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Magdalena Joanna Zofia Monika Teresa Danuta Natalia Aleksandra Karolina Marta Beata Dorota Halina Jadwiga Janina Irena Alicja Paulina Justyna Iwona Grażyna Bożena Urszula Julia Renata Weronika Wiktoria Patrycja Sylwia Hanna Agata'),
    surnames: w('Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Zalewski Wróblewski Marciniak Jasiński Zawadzki Bąk Jakubowski Sadowski Duda Włodarczyk Wilk Chmielewski') },
  { weight: 10, nationalities: ['RUS', 'KAZ', 'BLR'], shape: 'slavic',
    male: w('Alexander Sergey Dmitry Andrey Alexey Maxim Evgeny Ivan Mikhail Artem Nikolai Vladimir Pavel Roman Denis Oleg Igor Viktor Anton Konstantin Yuri Ilya Kirill Vadim Nikita Stanislav Timur Ruslan Vitaly Anatoly Boris Gennady Valery Leonid Grigory Vyacheslav Arkady Fyodor Yaroslav Georgy Egor Danila Matvey Stepan Semyon'),
    female: w('Elena Olga Natalia Tatiana Irina Svetlana Anna Maria Ekaterina Yulia Anastasia Marina Galina Lyudmila Valentina Nadezhda Oksana Victoria Daria Polina Ksenia Alina Sofia Vera Larisa Lyubov Yana Kristina Alexandra Evgenia Veronika Ulyana Zhanna Raisa Nina Inna Margarita Alla Zoya'),
    surnames: w('Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Nikitin Zakharov Zaitsev Soloviev Borisov Yakovlev Grigoriev Romanov Vorobiev Sergeev Kuzmin Frolov Alexandrov Dmitriev Korolev Gusev Kiselev Ilyin Maximov Polyakov Sorokin Vinogradov Kovalev Belov Medvedev Antonov Tarasov Zhukov Baranov Filippov Komarov Davydov Belyaev Gerasimov Bogdanov Osipov Sidorov Matveev Titov Markov Mironov Krylov Kulikov Karpov Vlasov Melnikov Denisov Gavrilov Tikhonov Kazakov Afanasiev Danilov Savelyev Timofeev Fomin Chernov Abramov Martynov Efimov Fedotov Shcherbakov Nazarov Kalinin Isaev Chernyshev Bykov Maslov Rodionov Konovalov Lazarev Voronin Klimov Filatov Ponomarev Golubev Kudryavtsev Prokhorov Naumov Potapov Zhuravlev Ovchinnikov Trofimov Leonov Sobolev Ermakov Kolesnikov Goncharov Emelyanov Nikiforov Grachev Kotov Grishin Efremov Arkhipov Gromov Kirillov Malyshev Panov Moiseev Rumyantsev Akimov Kondratyev Biryukov Gorbunov Anisimov Eremin Tikhomirov Galkin Lukyanov Mikheev Skvortsov Yudin Belousov Nesterov Simonov Prokofiev Kharitonov Knyazev Tsvetkov Levin Mitrofanov Voronov Aksenov Sofronov Maltsev Loginov Gorshkov Savin Krasnov Mayorov Demidov Eliseev Rybakov Safonov Plotnikov Demin Khokhlov Fadeev Molchanov Ignatov Litvinov Ershov Ushakov Dementiev Ryabov Mukhin Kalashnikov Leontiev Lobanov Kuzin Korneev Evdokimov Borodin Platonov Nekrasov Balashov Bobrov Zhdanov Blinov Ignatiev Korotkov Muravyov Kryukov Belyakov Bogomolov Drozdov Lavrov Zuev Petukhov Larin Nikulin Serov Terentiev Zotov Ustinov Fokin Samoilov Konstantinov Sakharov Shishkin Samsonov Cherkasov Chistyakov Nosov Spiridonov Karasev Avdeev Vorontsov Zverev Vladimirov Seleznev Nechaev Kudryashov Sedov Firsov Andrianov Panin Golovin Terekhov Ulyanov Shestakov Ageev Nikonov Selivanov Bazhenov Gordeev Kozhevnikov Pakhomov Zimin Kostin Shirokov Filimonov Larionov Ovsyannikov Sazonov Suvorov Nefedov Kornilov Lyubimov Lvov Gorbachev Kopylov Lukin Tokarev Kuleshov Shilov Bolshakov Pankratov Rodin Shapovalov Pokrovsky Bocharov Nikolsky Markin Gorelov Agafonov Berezin Ermolaev Zubkov Kupriyanov Trifonov Maslennikov Kruglov Tretyakov Kolosov Rozhkov Artamonov Shmelev Laptev Lapshin Fedoseev Zinoviev Zorin Utkin Stolyarov Zubov Tkachev Dorofeev Antipov Zavyalov Sviridov Zolotarev Kulakov Meshcheryakov Makeev Dyakonov Guryev Belkin Rudakov Putilin Putintsev Pugachev'),
    native: { share: 0.5, shape: 'slavic',
      male: w('Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Николай Владимир Павел Роман Денис Олег Игорь Виктор Антон Константин Юрий Илья Кирилл Вадим Никита Станислав Тимур Руслан Виталий Анатолий Борис Геннадий Валерий Леонид Григорий Вячеслав Аркадий Фёдор Ярослав Георгий Егор Данила Матвей Степан Семён'),
      female: w('Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Анастасия Марина Галина Людмила Валентина Надежда Оксана Виктория Дарья Полина Ксения Алина София Вера Лариса Любовь Яна Кристина Александра Евгения Вероника Ульяна Жанна Раиса Нина Инна Маргарита Алла Зоя'),
      surnames: w('Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков Левин Путилин Пугачёв Путинцев') } },
  { weight: 3, nationalities: ['UKR'], shape: 'slavic',
    male: w('Oleksandr Serhiy Andriy Volodymyr Mykola Oleksiy Dmytro Ivan Yuriy Vasyl Mykhailo Petro Viktor Bohdan Taras Ihor Roman Oleh Vitaliy Yaroslav Maksym Artem Denys Pavlo Stepan Hryhoriy Anatoliy Vadym Ruslan Yevhen'),
    female: w('Olena Tetiana Nataliia Iryna Oksana Svitlana Yuliia Mariia Kateryna Olha Halyna Liudmyla Anna Viktoriia Nadiia Larysa Valentyna Hanna Daryna Sofiia Anastasiia Khrystyna Yana Alina Vira Zoriana Solomiia Ulyana Inna Lesia'),
    surnames: w('Melnyk Shevchenko Kovalenko Bondarenko Boyko Tkachenko Kravchenko Kovalchuk Koval Oliynyk Shevchuk Polishchuk Bondar Tkachuk Moroz Marchenko Lysenko Rudenko Savchenko Petrenko Klymenko Pavlenko Kravchuk Kuzmenko Ponomarenko Savchuk Vasylenko Levchenko Kharchenko Karpenko Melnychuk Ivanenko Romanenko Hrytsenko Honcharenko Zinchenko Yurchenko Sydorenko Mazur Pavlyuk Martynyuk Kushnir Havrylyuk Didenko Tymoshenko Lytvynenko Kostenko Yakovenko Zhuk Fedorenko'),
    native: { share: 0.5, shape: 'slavic',
      male: w('Олександр Сергій Андрій Володимир Микола Олексій Дмитро Іван Юрій Василь Михайло Петро Віктор Богдан Тарас Ігор Роман Олег Віталій Ярослав Максим Артем Денис Павло Степан Григорій Анатолій Вадим Руслан Євген'),
      female: w('Олена Тетяна Наталія Ірина Оксана Світлана Юлія Марія Катерина Ольга Галина Людмила Анна Вікторія Надія Лариса Валентина Ганна Дарина Софія Анастасія Христина Яна Аліна Віра Зоряна Соломія Уляна Інна Леся'),
      surnames: w('Мельник Шевченко Коваленко Бондаренко Бойко Ткаченко Кравченко Ковальчук Коваль Олійник Шевчук Поліщук Бондар Ткачук Мороз Марченко Лисенко Руденко Савченко Петренко Клименко Павленко Кравчук Кузьменко Пономаренко Савчук Василенко Левченко Харченко Карпенко Мельничук Іваненко Романенко Гриценко Гончаренко Зінченко Юрченко Сидоренко Мазур Павлюк Мартинюк Кушнір Гаврилюк Діденко Тимошенко Литвиненко Костенко Яковенко Жук Федоренко') } },
  { weight: 12, nationalities: ['EGY', 'SAU', 'IRQ', 'SYR', 'JOR', 'MAR', 'DZA', 'TUN', 'LBY', 'YEM', 'SDN', 'LBN', 'ARE', 'KWT', 'PSE'], shape: 'arabic',
    male: w('Mohammed Muhammad Mohamed Mohammad Ahmed Ahmad Ali Omar Umar Hassan Hussein Hussain Mahmoud Mustafa Khaled Khalid Youssef Yousef Ibrahim Abdullah Abdallah Abdulrahman Abdelaziz Abdulaziz Saeed Said Salem Saleh Salah Tariq Tarek Faisal Fahad Nasser Hamza Bilal Yasser Yasin Karim Kareem Jamal Gamal Hamid Rashid Rachid Majid Walid Waleed Adel Adil Samir Sami Nabil Nader Kamal Jalal Anwar Amir Ayman Ziad Fadi Rami Osama Usama Imad Emad Mahdi Mehdi Hadi Yahya Zakaria Ismail Ayoub Idris Suleiman Sulaiman Marwan Mansour Mounir Mourad Murad Nizar Qasim Kassem Riad Riyad Sabri Sharif Talal Wael Yazid Zaid Zayed Hicham Hisham Abdelkader Abdelkarim Noureddine Djamel Mokhtar'),
    female: w('Fatima Fatma Aisha Aicha Khadija Maryam Mariam Zainab Zaynab Nour Noor Layla Leila Amina Aminah Huda Hoda Salma Sara Sarah Hanan Hana Rania Reem Rim Samira Yasmin Yasmine Dalia Dina Iman Eman Asma Amal Hiba Heba Lina Lubna Mona Muna Nadia Najwa Rasha Randa Rana Sawsan Suad Souad Wafa Widad Zahra Zohra Samar Ghada Houda Karima Latifa Malika Naima Nawal Rachida Saida Siham Soumaya'),
    surnames: w('Al-Hassan Al-Hussein Al-Ahmad Al-Ali Al-Masri Al-Shami Al-Khatib Al-Najjar Al-Haddad Al-Sayed Al-Saleh Al-Amin Al-Rashid Al-Zahrani Al-Ghamdi Al-Qahtani Al-Otaibi Al-Harbi Al-Mutairi Al-Dosari Al-Shehri Al-Anazi Al-Tamimi Al-Jabouri Al-Obeidi Al-Dulaimi Al-Janabi Al-Bayati Al-Tikriti Al-Baghdadi Al-Halabi Al-Homsi Abdullah Abdelrahman Mahmoud Hassan Hussein Ibrahim Ismail Mansour Khalil Hamdan Haddad Khoury Nassar Saad Salem Suleiman Yassin Youssef Zaki Farah Fawzi Habib Hamdi Issa Jaber Kamel Nasr Qassem Rizk Sabry Shaker Taha Wahba Zayed Benali Bensaid Benmohamed Boukhari Bouzid Cherif Belkacem Hamidi Mansouri Mebarki Rahmani Saidi Zerrouki Amrani Alaoui Bennani Berrada El Idrissi Tazi Chraibi El Fassi Lahlou'),
    native: { share: 0.4, shape: 'arabic',
      male: w('محمد أحمد علي عمر حسن حسين محمود مصطفى خالد يوسف إبراهيم عبدالله عبدالرحمن عبدالعزيز سعيد سالم صالح صلاح طارق فيصل فهد ناصر حمزة بلال ياسر ياسين كريم جمال حامد رشيد ماجد وليد عادل سمير سامي نبيل نادر كمال جلال أنور أمير أيمن زياد فادي رامي أسامة عماد مهدي هادي يحيى زكريا إسماعيل أيوب إدريس سليمان مروان منصور منير مراد نزار قاسم رياض شريف طلال وائل يزيد زيد هشام'),
      female: w('فاطمة عائشة خديجة مريم زينب نور ليلى أمينة هدى سلمى سارة حنان هناء رانيا ريم سميرة ياسمين داليا دينا إيمان أسماء أمل هبة لينا لبنى منى نادية نجوى رشا رندة رنا سوسن سعاد وفاء وداد زهراء سمر غادة كريمة لطيفة مليكة نعيمة نوال سهام'),
      surnames: w('الحسن الحسين الأحمد العلي المصري الشامي الخطيب النجار الحداد السيد الصالح الأمين الرشيد الزهراني الغامدي القحطاني العتيبي الحربي المطيري الدوسري الشهري العنزي التميمي الجبوري العبيدي الدليمي الجنابي البياتي التكريتي البغدادي الحلبي الحمصي عبدالله محمود حسن حسين إبراهيم إسماعيل منصور خليل حمدان حداد خوري نصار سعد سالم سليمان ياسين يوسف زكي فرح فوزي حبيب حمدي عيسى جابر كامل نصر قاسم رزق صبري شاكر طه') } },
  { weight: 5, nationalities: ['TUR', 'AZE'], shape: 'western',
    male: w('Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman Abdullah Mahmut Recep Salih Fatih Kadir Emre Burak Serkan Hakan Kemal Orhan Erkan Cem Can Kerem Eren Yiğit Emir Arda Efe Baran Onur Volkan Tolga Selim Cengiz Levent Tarık Bülent Erdoğan Ercan Okan'),
    female: w('Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Havva Zeliha Esra Fadime Özlem Hacer Yasemin Hülya Cennet Songül Kübra Büşra Ebru Derya Gül Leyla Melek Dilek Sibel Nur Tuğba Aslı Gizem Ecrin Defne Eylül Azra Nisa'),
    surnames: w('Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar Şen Aktaş Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık Kaplan Avcı Sarı Tekin Taş Köse Yüksel Ateş Aksoy') },
  { weight: 3, nationalities: ['IRN', 'AFG'], shape: 'western',
    male: w('Mohammad Ali Hossein Reza Mehdi Hassan Amir Abbas Morteza Mahmoud Saeed Hamid Majid Javad Ahmad Mostafa Masoud Behrouz Dariush Farhad Kourosh Babak Arash Omid Navid Payam Ramin Shahram Siamak Kaveh Parviz Jamshid Bahram Houshang Nader'),
    female: w('Fatemeh Zahra Maryam Masoumeh Zeinab Sakineh Leila Mahnaz Parisa Shirin Nasrin Azadeh Roya Mina Nazanin Niloufar Golnaz Shabnam Fereshteh Mahsa Sara Neda Elham Samira Tahereh Soraya Farideh Zohreh Marzieh Hoda'),
    surnames: w('Mohammadi Hosseini Ahmadi Rezaei Moradi Karimi Jafari Rahimi Hashemi Mousavi Ghasemi Sadeghi Heidari Abbasi Ebrahimi Amini Salehi Kazemi Bagheri Akbari Zarei Nouri Rostami Mahmoudi Hosseinzadeh Tehrani Esfahani Shirazi Tabrizi Yazdani Kermani Ghorbani Soltani Khalili Azizi Rahmani Najafi Asadi Yousefi Taheri Farahani') ,
    native: { share: 0.3, shape: 'western',
      male: w('محمد علی حسین رضا مهدی حسن امیر عباس مرتضی محمود سعید حمید مجید جواد احمد مصطفی مسعود بهروز داریوش فرهاد کوروش بابک آرش امید نوید پیام رامین شهرام سیامک کاوه پرویز جمشید بهرام هوشنگ نادر'),
      female: w('فاطمه زهرا مریم معصومه زینب سکینه لیلا مهناز پریسا شیرین نسرین آزاده رویا مینا نازنین نیلوفر گلناز شبنم فرشته مهسا سارا ندا الهام سمیرا طاهره ثریا فریده زهره مرضیه هدی'),
      surnames: w('محمدی حسینی احمدی رضایی مرادی کریمی جعفری رحیمی هاشمی موسوی قاسمی صادقی حیدری عباسی ابراهیمی امینی صالحی کاظمی باقری اکبری زارعی نوری رستمی محمودی تهرانی اصفهانی شیرازی تبریزی یزدانی کرمانی قربانی سلطانی خلیلی عزیزی رحمانی نجفی اسدی یوسفی طاهری فراهانی') } },
  { weight: 8, nationalities: ['CHN', 'TWN', 'HKG', 'SGP', 'MYS'], shape: 'east-asian',
    male: w('Wei Jun Hao Lei Qiang Yong Jie Tao Ming Chao Gang Jian Bo Peng Hui Bin Hui Feng Hai Liang Cheng Yang Kai Long Xin Yu Zhiwei Jianguo Zhiqiang Haitao Xiaoming Jianhua Guoqiang Wenjie Zihao Yuxuan Haoran Junjie Yifan Zhenyu Tianyu Jiahao Zhihao Mingyu Xiaolong Jianjun Weidong'),
    female: w('Fang Na Min Jing Li Yan Juan Xia Ping Hong Ling Dan Mei Lan Qing Ying Hua Yun Xue Jie Xiuying Guiying Xiulan Yumei Xiaomei Lihua Jing Yiting Zixuan Yutong Xinyi Yuxi Ruoxi Shiyu Jiayi Xinyue Mengyao Siqi Wanting Yuqing Haiyan Hongmei Xiaoyan'),
    surnames: w('Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Xu Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Yu Du Ye Cheng Su Wei Lu Ding Ren Shen Yao Lu Jiang Cui Zhong Tan Lu Wang Fan Jin Shi Liao Jia Xia Wei Fu Fang Bai Zou Meng Xiong Qin Qiu Jiang Yin Xue Yan Duan Lei Hou Long Shi Tao Li He Gu Mao Hao Gong Shao Wan Qian Yan Qin Wu Dai Mo Kong Xiang Tang Chan Wong Cheung Lau Lee Ng Leung Ho Tan Lim Teo Goh Ong Koh Chua Tay'),
    native: { share: 0.5, shape: 'east-asian',
      male: w('伟 军 浩 磊 强 勇 杰 涛 明 超 刚 建 波 鹏 辉 斌 峰 海 亮 成 洋 凯 龙 鑫 宇 志伟 建国 志强 海涛 小明 建华 国强 文杰 子豪 宇轩 浩然 俊杰 一凡 振宇 天宇 家豪 志豪 明宇 小龙 建军 卫东'),
      female: w('芳 娜 敏 静 丽 艳 娟 霞 平 红 玲 丹 梅 兰 青 英 华 云 雪 洁 秀英 桂英 秀兰 玉梅 小梅 丽华 雨婷 子萱 雨彤 欣怡 雨欣 若曦 诗雨 佳怡 心悦 梦瑶 思琪 婉婷 雨晴 海燕 红梅 晓燕'),
      surnames: w('王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤') } },
  { weight: 3, nationalities: ['KOR', 'PRK'], shape: 'east-asian',
    male: w('Minjun Seojun Doyun Yejun Siwoo Hajun Jiho Jihun Junseo Junwoo Hyunwoo Donghyun Sungmin Jinwoo Youngho Sangwoo Jaehyun Taeyang Minho Jisung Seungmin Kyungsoo Jongsu Yongsu Dongwook Sanghoon Jaewon Hyunsoo Joonho Woojin'),
    female: w('Seoyeon Seoyun Jiwoo Seohyun Minseo Haeun Hayoon Jiyoo Chaewon Jimin Sooyeon Yuna Eunji Hyejin Jiyeon Minji Soyeon Yejin Sujin Eunjung Hyunjung Mikyung Younghee Kyunghee Jieun Dahye Nayeon Subin Yerin Hyewon'),
    surnames: w('Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Ryu Jeon Hong Ko Moon Yang Son Bae Baek Heo Nam Noh Yoo Jin Ji Cha Joo Woo Koo Min Rhee Yi Gim Bak Choe Jeong Gang Jo Yun Im Gwon An Yu'),
    native: { share: 0.5, shape: 'single-token',
      male: w('민준 서준 도윤 예준 시우 하준 지호 지훈 준서 준우 현우 동현 성민 진우 영호 상우 재현 태양 민호 지성 승민 경수 종수 용수 동욱 상훈 재원 현수 준호 우진'),
      female: w('서연 서윤 지우 서현 민서 하은 하윤 지유 채원 지민 수연 유나 은지 혜진 지연 민지 소연 예진 수진 은정 현정 미경 영희 경희 지은 다혜 나연 수빈 예린 혜원'),
      surnames: w('김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 전 홍 고 문 양 손 배 백 허 남 노 유 진 지 차 주 우 구 민') } },
  { weight: 3, nationalities: ['JPN'], shape: 'western',
    male: w('Hiroshi Takashi Akira Kenji Yuki Haruto Sota Yuto Ren Daiki Kenta Shota Takumi Naoki Kazuki Yusuke Daisuke Tatsuya Kohei Ryota Shun Kaito Hayato Takeshi Satoshi Makoto Koji Masato Tomoya Ryo'),
    female: w('Yui Aoi Hina Sakura Yuna Mio Rin Akari Hana Emi Keiko Yoko Naoko Tomoko Kumiko Ayumi Mai Nanami Misaki Haruka Yuka Megumi Kaori Ayaka Asuka Chihiro Mizuki Natsumi Yuko Eri'),
    surnames: w('Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Yamashita Ishikawa Nakajima Maeda Fujita Ogawa Goto Okada Hasegawa Murakami Kondo Ishii Saito Sakamoto Endo Aoki Fujii Nishimura Fukuda Ota Miura Fujiwara Okamoto Matsuda Nakagawa Ono Takeda Ueda Morita Harada Shibata Sakai Kudo Yokoyama Miyazaki'),
    native: { share: 0.4, shape: 'western',
      male: w('浩 隆 明 健二 優希 陽翔 蒼太 悠斗 蓮 大輝 健太 翔太 拓海 直樹 和樹 雄介 大輔 達也 ひろし たかし あきら けんじ ゆうき'),
      female: w('結衣 葵 陽菜 さくら 優奈 美緒 凛 あかり 花 恵美 恵子 洋子 直子 智子 久美子 あゆみ 舞 七海 美咲 はるか ゆか めぐみ かおり'),
      surnames: w('佐藤 鈴木 高橋 田中 渡辺 伊藤 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 清水 山崎 森 阿部 池田 橋本 山下 石川 中島 前田 藤田 小川 後藤 岡田 長谷川 村上 近藤 石井 斎藤 坂本 遠藤 青木 藤井 西村 福田 太田 三浦 藤原 岡本 松田 中川') } },
  { weight: 3, nationalities: ['VNM'], shape: 'east-asian',
    male: w('Anh Minh Huy Khoa Long Nam Phong Quang Son Thanh Tuan Trung Duc Hieu Hung Dung Hai Hoang Khanh Lam Phuc Quoc Tai Thang Thinh Tien Toan Vinh Viet Bao'),
    female: w('Anh Linh Ngoc Huong Lan Mai Thao Trang Thu Hoa Hanh Hien Hong Huyen Lien Ly My Nga Nhung Oanh Phuong Quynh Tam Thuy Trinh Tuyet Uyen Van Vy Yen'),
    surnames: w('Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Truong Dinh Lam Mai Trinh Luong Cao Ha Ta Quach Thai Luu Kieu Doan') },
  { weight: 6, nationalities: ['IND', 'PAK', 'BGD', 'NPL', 'LKA'], shape: 'western',
    male: w('Rahul Amit Rajesh Suresh Ramesh Sanjay Vijay Anil Sunil Manoj Arun Ajay Ravi Deepak Vikram Ashok Rakesh Sandeep Pradeep Mahesh Ganesh Naveen Kiran Arjun Aditya Rohan Karan Nikhil Varun Gaurav Imran Asif Tariq Faisal Bilal Usman Kamran Zubair Irfan Arif Shahid Naveed Abdul Rahim Karim Salman'),
    female: w('Priya Pooja Anjali Neha Kavita Sunita Anita Rekha Meena Lakshmi Deepa Divya Sneha Swati Shweta Nisha Ritu Preeti Asha Geeta Sita Radha Kamala Savita Aarti Ayesha Fatima Sana Hina Rabia Saima Nazia Shabana Farah Bushra Zainab Amna Mehwish Sadia Uzma'),
    surnames: w('Sharma Verma Gupta Singh Kumar Patel Shah Mehta Joshi Agarwal Reddy Rao Naidu Nair Menon Pillai Iyer Iyengar Mukherjee Banerjee Chatterjee Das Bose Ghosh Sen Dutta Chaudhary Yadav Mishra Pandey Tiwari Dubey Srivastava Saxena Kapoor Khanna Malhotra Bhatia Chopra Arora Sethi Gill Sandhu Sidhu Dhillon Khan Ahmed Hussain Qureshi Siddiqui Ansari Sheikh Malik Chaudhry Butt Raza Rizvi Mirza Baig Akhtar Iqbal') },
  { weight: 5, nationalities: ['NGA', 'GHA', 'SEN', 'CIV', 'MLI', 'CMR', 'KEN', 'ETH'], shape: 'western',
    male: w('Chukwuemeka Chinedu Emeka Obinna Ikenna Nnamdi Oluwaseun Olumide Babatunde Adebayo Ayodele Tunde Segun Kunle Femi Kwame Kofi Kwabena Yaw Kwasi Kojo Mamadou Moussa Ibrahima Ousmane Abdoulaye Amadou Cheikh Modou Lamine Boubacar Seydou Souleymane Issa Jean-Baptiste Emmanuel Samuel Daniel John Joseph Peter David Musa Aliyu Usman Abubakar Sani Bello'),
    female: w('Chioma Ngozi Adaeze Nneka Ifeoma Amaka Chiamaka Oluwakemi Folake Funmilayo Bukola Yetunde Titilayo Abena Akosua Ama Efua Adwoa Afia Aminata Fatou Awa Mariama Aissatou Khady Ndeye Coumba Binta Rokhaya Grace Blessing Esther Mercy Joy Faith Patience Comfort Hadiza Zainab Aisha Hauwa'),
    surnames: w('Okafor Okonkwo Eze Nwosu Okeke Obi Nwachukwu Uche Adeyemi Adebayo Ogunleye Olawale Bakare Adeleke Balogun Oyelaran Mensah Owusu Boateng Asante Appiah Osei Agyeman Darko Diallo Diop Ndiaye Fall Sow Ba Sy Gueye Faye Cisse Traore Keita Coulibaly Kone Toure Camara Sangare Kamara Bangura Kariuki Kamau Otieno Ochieng Mwangi Njoroge Onyango Abubakar Bello Musa Ibrahim Yusuf Lawal Aliyu Danjuma') },
  { weight: 2, nationalities: ['GRC', 'CYP'], shape: 'western',
    male: w('Georgios Ioannis Konstantinos Dimitrios Nikolaos Panagiotis Vasileios Christos Athanasios Michail Evangelos Spyridon Antonios Anastasios Theodoros Emmanouil Ilias Petros Stavros Alexandros'),
    female: w('Maria Eleni Aikaterini Vasiliki Sofia Angeliki Georgia Dimitra Konstantina Paraskevi Anastasia Eirini Christina Panagiota Ioanna Evangelia Despoina Chrysoula Theodora Alexandra'),
    surnames: w('Papadopoulos Papadakis Papageorgiou Oikonomou Georgiou Dimitriou Nikolaidis Konstantinidis Karagiannis Vasileiou Ioannidis Christodoulou Athanasiou Makris Pappas Antoniou Alexiou Panagiotopoulos Theodorou Michailidis Angelopoulos Kyriakou Stavropoulos Economou Lambrakis'),
    native: { share: 0.5, shape: 'western',
      male: w('Γεώργιος Ιωάννης Κωνσταντίνος Δημήτριος Νικόλαος Παναγιώτης Βασίλειος Χρήστος Αθανάσιος Μιχαήλ Ευάγγελος Σπυρίδων Αντώνιος Αναστάσιος Θεόδωρος Εμμανουήλ Ηλίας Πέτρος Σταύρος Αλέξανδρος'),
      female: w('Μαρία Ελένη Αικατερίνη Βασιλική Σοφία Αγγελική Γεωργία Δήμητρα Κωνσταντίνα Παρασκευή Αναστασία Ειρήνη Χριστίνα Παναγιώτα Ιωάννα Ευαγγελία Δέσποινα Χρυσούλα Θεοδώρα Αλεξάνδρα'),
      surnames: w('Παπαδόπουλος Παπαδάκης Παπαγεωργίου Οικονόμου Γεωργίου Δημητρίου Νικολαΐδης Κωνσταντινίδης Καραγιάννης Βασιλείου Ιωαννίδης Χριστοδούλου Αθανασίου Μακρής Παππάς Αντωνίου Αλεξίου Παναγιωτόπουλος Θεοδώρου Μιχαηλίδης Αγγελόπουλος Κυριακού Σταυρόπουλος Λαμπράκης') } },
  { weight: 2, nationalities: ['ISR'], shape: 'western',
    male: w('David Moshe Yosef Avraham Yaakov Yitzhak Daniel Michael Eitan Noam Ariel Itai Omer Yonatan Amit Uri Avi Shlomo Haim Eliyahu'),
    female: w('Sarah Rachel Leah Miriam Esther Noa Shira Tamar Yael Maya Michal Hila Adi Roni Talia Rivka Hannah Ayelet Orly Dana'),
    surnames: w('Cohen Levi Mizrahi Peretz Biton Dahan Avraham Friedman Malka Azoulay Katz Yosef David Amar Ohayon Hadad Gabay Ben-David Shapiro Goldberg Rosenberg Weiss Klein Schwartz Ashkenazi Levin Sasson Shalom Ben-Ami'),
    native: { share: 0.5, shape: 'western',
      male: w('דוד משה יוסף אברהם יעקב יצחק דניאל מיכאל איתן נועם אריאל איתי עומר יונתן עמית אורי אבי שלמה חיים אליהו'),
      female: w('שרה רחל לאה מרים אסתר נועה שירה תמר יעל מאיה מיכל הילה עדי רוני טליה רבקה חנה איילת אורלי דנה'),
      surnames: w('כהן לוי מזרחי פרץ ביטון דהן אברהם פרידמן מלכה אזולאי כץ יוסף דוד עמר אוחיון חדד גבאי שפירא גולדברג רוזנברג וייס קליין שוורץ אשכנזי לוין ששון שלום') } },
];

const TOTAL_WEIGHT = CULTURES.reduce((s, c) => s + c.weight, 0);

/** Zipf-like pick: rank r has weight 1/(r+1)^0.9 (precomputed cumulative tables per list). */
const cumulative = new WeakMap<readonly string[], Float64Array>();
function pick(list: readonly string[], rnd: () => number): string {
  let cum = cumulative.get(list);
  if (!cum) {
    cum = new Float64Array(list.length);
    let s = 0;
    for (let i = 0; i < list.length; i++) { s += 1 / Math.pow(i + 1, 0.9); cum[i] = s; }
    cumulative.set(list, cum);
  }
  const x = rnd() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid]! < x) lo = mid + 1; else hi = mid; }
  return list[lo]!;
}

const LATIN_LETTERS = 'abcdefghijklmnoprstuvyz';
/** One typing error in one part: substitution, deletion, insertion or transposition (Latin parts only). */
function typo(name: string, rnd: () => number): string {
  const parts = name.split(' ');
  const i = Math.floor(rnd() * parts.length);
  const p = parts[i]!;
  if (p.length < 4 || !/^[A-Za-z]+$/u.test(p)) return name;
  const at = 1 + Math.floor(rnd() * (p.length - 2));
  const kind = Math.floor(rnd() * 4);
  const letter = LATIN_LETTERS[Math.floor(rnd() * LATIN_LETTERS.length)]!;
  let q: string;
  if (kind === 0) q = p.slice(0, at) + letter + p.slice(at + 1);
  else if (kind === 1) q = p.slice(0, at) + p.slice(at + 1);
  else if (kind === 2) q = p.slice(0, at) + letter + p.slice(at);
  else q = p.slice(0, at) + p[at + 1]! + p[at]! + p.slice(at + 2);
  parts[i] = q;
  return parts.join(' ');
}

function slavicPatronymic(father: string, female: boolean, native: boolean): string {
  if (native) {
    const stem = father.replace(/[йь]$/u, '');
    const soft = /[йь]$/u.test(father) || /[ая]$/u.test(father);
    return stem.replace(/[ая]$/u, '') + (female ? (soft ? 'евна' : 'овна') : (soft ? 'евич' : 'ович'));
  }
  const stem = father.replace(/[yi]$/u, '');
  const soft = /[yi]$/u.test(father);
  return stem + (female ? (soft ? 'evna' : 'ovna') : (soft ? 'evich' : 'ovich'));
}

function feminine(surname: string, native: boolean): string {
  if (native) return /(ов|ев|ёв|ин|ын)$/u.test(surname) ? `${surname}а` : surname.replace(/ский$/u, 'ская');
  return /(ov|ev|in|yn)$/u.test(surname) ? `${surname}a` : surname.replace(/sky$/u, 'skaya');
}

function makeName(c: Culture, female: boolean, rnd: () => number): string {
  const useNative = c.native !== undefined && rnd() < c.native.share;
  const native = useNative ? c.native : undefined;
  const lists = native ?? c;
  const shape = native ? native.shape : c.shape;
  const given = pick(female ? lists.female : lists.male, rnd);
  const surname = pick(lists.surnames, rnd);
  const second = (): string => pick(female ? lists.female : lists.male, rnd);
  switch (shape) {
    case 'hispanic': {
      const s2 = pick(lists.surnames, rnd);
      return rnd() < 0.3 ? `${given} ${second()} ${surname} ${s2}` : rnd() < 0.7 ? `${given} ${surname} ${s2}` : `${given} ${surname}`;
    }
    case 'slavic': {
      const fam = female ? feminine(surname, useNative) : surname;
      if (rnd() < 0.5) return `${given} ${slavicPatronymic(pick(lists.male, rnd), female, useNative)} ${fam}`;
      return rnd() < 0.5 ? `${fam} ${given}` : `${given} ${fam}`;
    }
    case 'arabic': {
      const father = pick(lists.male, rnd);
      const r = rnd();
      if (r < 0.35) return `${given} ${father} ${surname}`;
      if (r < 0.5) return `${given} ${father} ${pick(lists.male, rnd)} ${surname}`;
      if (r < 0.6 && !useNative) return `${given} bin ${father} ${surname}`;
      return `${given} ${surname}`;
    }
    case 'east-asian':
      return rnd() < 0.6 ? `${surname} ${given}` : `${given} ${surname}`;
    case 'single-token':
      return `${surname}${given}`;
    default:
      return rnd() < 0.15 ? `${given} ${second()} ${surname}` : rnd() < 0.1 ? `${surname}, ${given}` : `${given} ${surname}`;
  }
}

function birthDate(rnd: () => number): BirthDateInput | undefined {
  const r = rnd();
  const year = 1940 + Math.floor(rnd() * 66);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const mm = String(month).padStart(2, '0');
  if (r < 0.7) return `${year}-${mm}-${String(day).padStart(2, '0')}`;
  if (r < 0.8) return `${year}-${mm}`;
  if (r < 0.9) return `${year}`;
  if (r < 0.93) return { from: `${year}`, to: `${year + 4}` };
  return undefined;
}

/** `count` synthetic persons, the same for the same seed. */
export function* syntheticPersons(count: number, seed = 1): Generator<PersonNames> {
  const rnd = prng(seed);
  for (let i = 0; i < count; i++) {
    let x = rnd() * TOTAL_WEIGHT;
    let c = CULTURES[0]!;
    for (const k of CULTURES) { x -= k.weight; if (x <= 0) { c = k; break; } }
    const female = rnd() < 0.35;
    const names: string[] = [];
    let primary = makeName(c, female, rnd);
    if (rnd() < 0.08) primary = typo(primary, rnd);
    names.push(primary);
    if (rnd() < 0.12) names.push(makeName(c, female, rnd));
    const sex: Sex = female ? 'F' : 'M';
    const birth = birthDate(rnd);
    const nat = c.nationalities[Math.floor(rnd() * c.nationalities.length)]!;
    yield { names, sex, nationalities: [nat], ...(birth === undefined ? {} : { birthDate: birth }) };
  }
}
