/**
 * Known name-variant equivalences: the same name as different languages and
 * transcription habits carry it (Mohammed, Muhammad, Mehmet, Magomed;
 * Alexander, Aleksandr, Iskander; Joseph, Yusuf, Giuseppe, Iosif). Spelling
 * differences a rule already covers (Vladimir/Wladimir) need no entry; these
 * are the ones no rule gives. Written for this project from general
 * knowledge of names; each line is one class.
 *
 * Lookup is by phonetic form (`phoneticForm`), so an entry covers the
 * spellings that differ only in what that form ignores (Mohammed and
 * Mohammad's doubled m, Yusuf and Yousuf's ou).
 */
import { phoneticForm } from './phonetic.js';

const CLASSES = `
mohammed muhammad mohamed mohammad muhammed mohamad muhamad mehmet mehmed mahomet mohd muhamed magomed mamadou mamed muhammet mukhammad mokhammed mohamud maxamed
ahmed ahmad ahmet akhmed akhmad achmed achmad
mahmoud mahmud mahmut makhmud
mustafa mostafa moustapha mustapha moustafa mostapha
hussein husein husain hussain husayn huseyin gusein huseyn hossein houssein hussien
hasan hassan hasen gasan hassane
ali aly alii
omar umar omer oumar umer
othman osman uthman usman utman
abdullah abdallah abdulla abdalla abdoulaye abdellah
abdulrahman abdurrahman abderrahmane abdelrahman abdurahman abdirahman
abdulaziz abdelaziz abdulazeez
yusuf yousef youssef yosef josef joseph giuseppe jose iosif osip jozef yusif jusuf yousuf yussuf youcef yossi juzef
yahya yehia yahia yaya
ibrahim ebrahim abraham avraham abram ibragim brahim ebrahem
ismail ismael ishmael ismayil ismoil
ishaq isaac isak itzhak yitzhak itzhak isaak ishak
yaqub yakub jacob yakov jakob jakub giacomo jacques iacob yaacov yacoub
musa moses moshe moise moises mousa
isa jesus eesa
daoud dawood dawud davud david daud davit davide
suleiman sulayman suleyman solomon shlomo salomon sulaiman soliman
ilyas elias elijah ilya ilia eliyahu ilyes elyas
yunus younes younis jonah jonas yunes
harun haroun aaron aron haron
nuh noah noe
maryam mariam miriam maria mary marie mariya marija maryia
hawa eve eva ewa yeva
fatima fatma fatemeh fatimah fatoumata fatouma
aisha ayesha aysha ayse aicha aishah aïcha
khadija hatice khadidja khadijah
zainab zeynep zaynab zeinab
khalid khaled halit khalil
karim kareem kerim
jamal gamal cemal djamel jamel
hamid hamed hamit
rashid rachid resit rasheed rashed
nasser nasir naser nassir nasr
tariq tarek tarik tarique
faisal faysal feisal faycal
said saeed sayed syed sayyid seyed seyyed saied
hamza hamzah hamze
bilal belal
yasser yasir yaser
amir emir ameer
jafar jaafar cafer
salah salaheddine saladin salahuddin
saddam sadam
osama usama usamah oussama
alexander aleksandr alexandre alessandro alejandro iskander iskandar aleksander alexandr oleksandr aleksandar sandor olexandr alixandre
alexei aleksei alexey aleksey alexis oleksiy oleksii aleksej alexej
john johann johannes jean juan giovanni joao ivan ioannis jan janos evan ian sean hans jens yann
michael mikhail michel miguel michele mikael mihail mikhael mikail mijail michal mykhailo mikhailo mihaly mikkel
peter pyotr pierre pedro pietro piotr petr petros boutros butrus petar petro
paul pavel pablo paolo paulo pawel boulos pavlo pal
andrew andrei andrey andre andres andrea andrzej andreas andriy andrii andrija
george georgiy georgy jorge giorgio georges jerzy jurgen yuri yuriy georgios giorgi jiri jorg yury iurii
nicholas nikolai nicolas nicola nikolaos mikolaj niklas nikolay mykola nicolae nikola
stephen steven stepan stefan esteban stefano etienne istvan stephanos stepane
gregory grigory gregor grzegorz gregorio grigorii hryhoriy
eugene evgeny yevgeny eugen eugenio evgenii yevhen evgeni
dmitri dmitry dimitri dimitrios demetrius dmytro dmitrii dimitar
vladimir volodymyr wladimir wlodzimierz uladzimir vladimer
sergei sergey serhiy sergio serge sergiu serhii
nikita mykyta
konstantin constantine costantino konstantinos kostiantyn
anatoly anatolii anatoliy anatol
vasily vasiliy vasyl basil vasilios wassili
timothy timofey timofei tymofiy
matthew matvey matteo mateo mathieu matthias mateusz mattia
thomas tomas tommaso tomasz foma
philip filip felipe philippe filippo pylyp
yaroslav jaroslav jaroslaw
boris borys
helen elena yelena helena helene olena alena ellen
catherine katherine ekaterina yekaterina katarzyna caterina catalina katharina kateryna katerina
elizabeth elisabeth yelizaveta isabel elzbieta elisabetta elisaveta isabelle
anna ann anne hanna hannah ana anja ganna
tatiana tatyana tetiana tatjana
natalia natalya nataliya natalie nathalie natalija
olga olha
sophia sofia sofiya sophie zofia
julia yulia yuliya iuliia giulia julie
xenia ksenia kseniya oksana
zhang chang cheung cheong teo
wang wong ong
li lee lei
chen chan tan chin
liu lau lew
huang hwang wong ng
zhao chao chiu
zhou chou chow chau
xu hsu hui tsui
wu woo ng goh
park pak bak
lee yi rhee
choi choe
jung jeong chung
kim gim
nguyen nguyen nguen
cohen kohen cohn kahn kogan kagan
levy levi levie
`;

const byForm = new Map<string, number[]>();
CLASSES.trim().split('\n').forEach((line, id) => {
  for (const spelling of line.trim().split(/\s+/u)) {
    const key = phoneticForm(spelling);
    const list = byForm.get(key);
    if (list === undefined) byForm.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  }
});

/** The variant classes a phonetic form belongs to (usually none or one). */
export function variantClasses(pform: string): readonly number[] {
  return byForm.get(pform) ?? NONE;
}
const NONE: readonly number[] = [];
