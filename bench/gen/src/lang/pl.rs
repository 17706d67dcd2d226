//! Polish prose: word lists written for this generator, with regular (simplified) case
//! endings for nouns and adjectives and several verb forms, so that a stemming index sees
//! the many forms of each Polish word. The grammar is approximate; the vocabulary and the
//! spread of word forms are what the benchmark needs.

use super::{capitalize, words};
use crate::rng::Rng;

/// Masculine nouns (inanimate unless marked `+`, hard or soft stems as written).
const NOUNS_M: &str = "plik folder dokument komputer serwer telefon tablet program system \
proces krok problem błąd komunikat raport rejestr katalog kontakt kalendarz projekt zespół+ \
użytkownik+ administrator+ pracownik+ klient+ dostawca+ menedżer+ technik+ partner+ dział \
panel przycisk link ekran obraz dźwięk film kod numer adres identyfikator certyfikat klucz \
token limit dostęp wirus atak stan wynik wykres podgląd tryb typ format szablon motyw element \
parametr moduł pakiet składnik sterownik rdzeń agent interfejs pulpit pasek skrót zakres czas \
termin okres harmonogram budżet koszt rabat zakup rachunek paragon podpis wniosek formularz \
kurs artykuł poradnik przykład scenariusz przypadek wpis komentarz tekst znak symbol kolor \
rozmiar język region kraj dzień miesiąc rok tydzień punkt poziom proces wątek węzeł klaster \
magazyn dysk nośnik akumulator kabel port router modem adapter czujnik mikrofon głośnik \
aparat odcisk profil login widok filtr indeks słownik kontrakt regulamin warunek cel postęp \
etap plan zasób serwis portal bilet kanał post wątek";

/// Feminine nouns.
const NOUNS_F: &str = "aplikacja aktualizacja konfiguracja instalacja informacja lokalizacja \
organizacja subskrypcja licencja sesja wersja opcja funkcja kategoria grupa rola strona lista \
tabela kolumna karta ikona wiadomość notatka sieć usługa witryna przeglądarka zapora poczta \
skrzynka ochrona prywatność tożsamość weryfikacja zgoda polityka zasada reguła firma szkoła \
instytucja drukarka klawiatura mysz kamera bateria ładowarka pamięć przestrzeń kopia wiadomość \
zmiana prośba odpowiedź pomoc instrukcja procedura ścieżka nazwa data godzina strefa częstotliwość \
liczba wartość jakość wydajność prędkość pojemność rozdzielczość jasność głośność czcionka \
sekcja tabelka komórka treść zawartość umowa faktura płatność oferta cena kwota opłata \
transakcja baza kolejka reguła usterka przyczyna metoda analiza statystyka historia \
kopia migracja integracja automatyzacja biblioteka zależność gałąź zmienna stała tablica \
funkcjonalność usługa platforma konsola ramka warstwa mapa trasa odległość pogoda temperatura";

/// Neuter nouns (ending in -nie, -cie, -o or -e).
const NOUNS_N: &str = "urządzenie ustawienie hasło konto okno menu powiadomienie połączenie \
zdjęcie nagranie zadanie spotkanie zabezpieczenie szyfrowanie uwierzytelnianie logowanie \
zgłoszenie narzędzie rozwiązanie pytanie wyszukiwanie zapytanie zdarzenie polecenie środowisko \
rozszerzenie zakończenie uruchomienie pobieranie wdrożenie udostępnianie archiwum centrum \
miejsce biuro laboratorium pole źródło zestawienie podsumowanie ostrzeżenie wymaganie \
ograniczenie uprawnienie zaproszenie";

const ADJECTIVES: &str = "nowy stary aktualny domyślny wymagany opcjonalny ważny bezpieczny \
dostępny prawidłowy nieprawidłowy pełny szybki prosty złożony typowy określony inny taki \
osobisty firmowy mobilny bezprzewodowy lokalny zdalny publiczny prywatny wewnętrzny zewnętrzny \
automatyczny ręczny zgodny zarządzany zarejestrowany zaszyfrowany zablokowany tymczasowy stały \
główny dodatkowy podstawowy zaawansowany szczegółowy krótki długi ogólny specjalny poufny \
podejrzany zaufany stabilny darmowy dzienny tygodniowy miesięczny duży mały wspólny własny \
unikalny ograniczony pusty wygasły oczekujący wygodny trudny jasny ciemny cichy przezroczysty \
fizyczny wirtualny cyfrowy dynamiczny statyczny oficjalny regularny techniczny centralny";

/// Verbs as `infinitive:imperative:third person singular:third person plural:past
/// participle (masculine)`.
const VERBS: &str = "wybrać:wybierz:wybiera:wybierają:wybrany skonfigurować:skonfiguruj:konfiguruje:konfigurują:skonfigurowany \
zainstalować:zainstaluj:instaluje:instalują:zainstalowany zaktualizować:zaktualizuj:aktualizuje:aktualizują:zaktualizowany \
pobrać:pobierz:pobiera:pobierają:pobrany włączyć:włącz:włącza:włączają:włączony \
wyłączyć:wyłącz:wyłącza:wyłączają:wyłączony zarejestrować:zarejestruj:rejestruje:rejestrują:zarejestrowany \
zsynchronizować:zsynchronizuj:synchronizuje:synchronizują:zsynchronizowany przywrócić:przywróć:przywraca:przywracają:przywrócony \
usunąć:usuń:usuwa:usuwają:usunięty dodać:dodaj:dodaje:dodają:dodany utworzyć:utwórz:tworzy:tworzą:utworzony \
edytować:edytuj:edytuje:edytują:edytowany zmienić:zmień:zmienia:zmieniają:zmieniony sprawdzić:sprawdź:sprawdza:sprawdzają:sprawdzony \
potwierdzić:potwierdź:potwierdza:potwierdzają:potwierdzony wyświetlić:wyświetl:wyświetla:wyświetlają:wyświetlony \
wyszukać:wyszukaj:wyszukuje:wyszukują:wyszukany znaleźć:znajdź:znajduje:znajdują:znaleziony \
otworzyć:otwórz:otwiera:otwierają:otwarty zamknąć:zamknij:zamyka:zamykają:zamknięty \
wprowadzić:wprowadź:wprowadza:wprowadzają:wprowadzony skopiować:skopiuj:kopiuje:kopiują:skopiowany \
wkleić:wklej:wkleja:wklejają:wklejony zapisać:zapisz:zapisuje:zapisują:zapisany wysłać:wyślij:wysyła:wysyłają:wysłany \
odebrać:odbierz:odbiera:odbierają:odebrany udostępnić:udostępnij:udostępnia:udostępniają:udostępniony \
zaimportować:zaimportuj:importuje:importują:zaimportowany wyeksportować:wyeksportuj:eksportuje:eksportują:wyeksportowany \
wydrukować:wydrukuj:drukuje:drukują:wydrukowany zeskanować:zeskanuj:skanuje:skanują:zeskanowany \
wykryć:wykryj:wykrywa:wykrywają:wykryty zablokować:zablokuj:blokuje:blokują:zablokowany \
odblokować:odblokuj:odblokowuje:odblokowują:odblokowany uruchomić:uruchom:uruchamia:uruchamiają:uruchomiony \
zresetować:zresetuj:resetuje:resetują:zresetowany zaszyfrować:zaszyfruj:szyfruje:szyfrują:zaszyfrowany \
chronić:chroń:chroni:chronią:chroniony zarządzać:zarządzaj:zarządza:zarządzają:zarządzany \
monitorować:monitoruj:monitoruje:monitorują:monitorowany zgłosić:zgłoś:zgłasza:zgłaszają:zgłoszony \
zezwolić:zezwól:zezwala:zezwalają:dozwolony odrzucić:odrzuć:odrzuca:odrzucają:odrzucony \
zatwierdzić:zatwierdź:zatwierdza:zatwierdzają:zatwierdzony połączyć:połącz:łączy:łączą:połączony \
rozłączyć:rozłącz:rozłącza:rozłączają:rozłączony przełączyć:przełącz:przełącza:przełączają:przełączony \
przenieść:przenieś:przenosi:przenoszą:przeniesiony posortować:posortuj:sortuje:sortują:posortowany \
przefiltrować:przefiltruj:filtruje:filtrują:przefiltrowany oznaczyć:oznacz:oznacza:oznaczają:oznaczony \
przypisać:przypisz:przypisuje:przypisują:przypisany ograniczyć:ogranicz:ogranicza:ograniczają:ograniczony \
pominąć:pomiń:pomija:pomijają:pominięty zastosować:zastosuj:stosuje:stosują:zastosowany \
wdrożyć:wdróż:wdraża:wdrażają:wdrożony zastąpić:zastąp:zastępuje:zastępują:zastąpiony \
zakończyć:zakończ:kończy:kończą:zakończony rozpocząć:rozpocznij:rozpoczyna:rozpoczynają:rozpoczęty \
anulować:anuluj:anuluje:anulują:anulowany ponowić:ponów:ponawia:ponawiają:ponowiony \
wykonać:wykonaj:wykonuje:wykonują:wykonany przetworzyć:przetwórz:przetwarza:przetwarzają:przetworzony \
rozwiązać:rozwiąż:rozwiązuje:rozwiązują:rozwiązany naprawić:napraw:naprawia:naprawiają:naprawiony \
przeanalizować:przeanalizuj:analizuje:analizują:przeanalizowany porównać:porównaj:porównuje:porównują:porównany \
obliczyć:oblicz:oblicza:obliczają:obliczony dostosować:dostosuj:dostosowuje:dostosowują:dostosowany \
zoptymalizować:zoptymalizuj:optymalizuje:optymalizują:zoptymalizowany zintegrować:zintegruj:integruje:integrują:zintegrowany \
przenieść:przenieś:przenosi:przenoszą:przeniesiony ukryć:ukryj:ukrywa:ukrywają:ukryty \
odtworzyć:odtwórz:odtwarza:odtwarzają:odtworzony wstrzymać:wstrzymaj:wstrzymuje:wstrzymują:wstrzymany \
zachować:zachowaj:zachowuje:zachowują:zachowany wyczyścić:wyczyść:czyści:czyszczą:wyczyszczony \
załadować:załaduj:ładuje:ładują:załadowany przesłać:prześlij:przesyła:przesyłają:przesłany \
odpowiedzieć:odpowiedz:odpowiada:odpowiadają:odpowiedziany zarchiwizować:zarchiwizuj:archiwizuje:archiwizują:zarchiwizowany \
odczytać:odczytaj:odczytuje:odczytują:odczytany naładować:naładuj:ładuje:ładują:naładowany \
otrzymać:otrzymaj:otrzymuje:otrzymują:otrzymany użyć:użyj:używa:używają:użyty zdefiniować:zdefiniuj:definiuje:definiują:zdefiniowany \
określić:określ:określa:określają:określony zidentyfikować:zidentyfikuj:identyfikuje:identyfikują:zidentyfikowany \
podpisać:podpisz:podpisuje:podpisują:podpisany opublikować:opublikuj:publikuje:publikują:opublikowany \
rozszerzyć:rozszerz:rozszerza:rozszerzają:rozszerzony zaplanować:zaplanuj:planuje:planują:zaplanowany \
przygotować:przygotuj:przygotowuje:przygotowują:przygotowany przetestować:przetestuj:testuje:testują:przetestowany \
wyjaśnić:wyjaśnij:wyjaśnia:wyjaśniają:wyjaśniony wypełnić:wypełnij:wypełnia:wypełniają:wypełniony";

const ADVERBS: &str = "natychmiast automatycznie ręcznie regularnie zawsze później zwykle \
ponownie najpierw następnie wreszcie jednocześnie często czasem całkowicie częściowo przynajmniej \
również tymczasowo szybko łatwo bezpośrednio wcześniej dodatkowo wspólnie kolejno osobno \
dokładnie starannie codziennie";

const PRODUCTS: [&str; 16] = [
    "Android",
    "iOS",
    "Windows",
    "macOS",
    "Linux",
    "Contoso",
    "Fabrikam",
    "Wi-Fi",
    "VPN",
    "PIN",
    "USB",
    "Bluetooth",
    "Portal firmy",
    "Contoso Mail",
    "Fabrikam Sync",
    "Centrum pomocy",
];

#[derive(Clone, Copy, PartialEq)]
enum Gender {
    M,
    F,
    N,
}

/// Cases used by the templates.
#[derive(Clone, Copy)]
enum Case {
    Nom,
    Gen,
    Acc,
    Loc,
    Ins,
}

struct Noun {
    gender: Gender,
    /// Nominative, genitive, accusative, locative, instrumental singular; nominative and
    /// genitive plural.
    forms: [String; 7],
}

fn soft(stem: &str) -> bool {
    stem.ends_with(['k', 'g']) || stem.ends_with("ch")
}

fn decline(word: &str, gender: Gender, animate: bool) -> [String; 7] {
    match gender {
        Gender::F => {
            if let Some(stem) = word.strip_suffix("ja") {
                // aplikacja: aplikacji, aplikację, aplikacji, aplikacją; aplikacje, aplikacji.
                [
                    word.to_string(),
                    format!("{stem}ji"),
                    format!("{stem}ję"),
                    format!("{stem}ji"),
                    format!("{stem}ją"),
                    format!("{stem}je"),
                    format!("{stem}ji"),
                ]
            } else if let Some(stem) = word.strip_suffix('a') {
                let y = if soft(stem) { "i" } else { "y" };
                [
                    word.to_string(),
                    format!("{stem}{y}"),
                    format!("{stem}ę"),
                    format!("{stem}ie"),
                    format!("{stem}ą"),
                    format!("{stem}{y}"),
                    stem.to_string(),
                ]
            } else {
                // wiadomość, sieć: -i throughout.
                [
                    word.to_string(),
                    format!("{word}i"),
                    word.to_string(),
                    format!("{word}i"),
                    format!("{word}ią"),
                    format!("{word}i"),
                    format!("{word}i"),
                ]
            }
        }
        Gender::N => {
            if let Some(stem) = word.strip_suffix("ie") {
                [
                    word.to_string(),
                    format!("{stem}ia"),
                    word.to_string(),
                    format!("{stem}iu"),
                    format!("{stem}iem"),
                    format!("{stem}ia"),
                    format!("{stem}ń"),
                ]
            } else if let Some(stem) = word.strip_suffix(['o', 'e', 'u']) {
                [
                    word.to_string(),
                    format!("{stem}a"),
                    word.to_string(),
                    format!("{stem}ie"),
                    format!("{stem}em"),
                    format!("{stem}a"),
                    stem.to_string(),
                ]
            } else {
                std::array::from_fn(|_| word.to_string())
            }
        }
        Gender::M => {
            let y = if soft(word) { "i" } else { "y" };
            let genitive = if animate {
                format!("{word}a")
            } else {
                format!("{word}u")
            };
            let acc = if animate {
                format!("{word}a")
            } else {
                word.to_string()
            };
            [
                word.to_string(),
                genitive,
                acc,
                format!("{word}u"),
                format!("{word}em"),
                format!("{word}{y}"),
                format!("{word}ów"),
            ]
        }
    }
}

/// An adjective agreeing with a noun: masculine, feminine, neuter, in a case.
fn adjective(adj: &str, gender: Gender, case: Case) -> String {
    let stem = adj
        .strip_suffix('y')
        .or_else(|| adj.strip_suffix('i'))
        .unwrap_or(adj);
    let i = if adj.ends_with('i') || soft(stem) {
        "i"
    } else {
        "y"
    };
    let ending = match (gender, case) {
        (Gender::M, Case::Nom | Case::Acc) => i.to_string(),
        (Gender::M | Gender::N, Case::Gen) => "ego".to_string(),
        (Gender::M | Gender::N, Case::Loc | Case::Ins) => format!("{i}m"),
        (Gender::N, Case::Nom | Case::Acc) => "e".to_string(),
        (Gender::F, Case::Nom) => "a".to_string(),
        (Gender::F, Case::Gen | Case::Loc) => "ej".to_string(),
        (Gender::F, Case::Acc | Case::Ins) => "ą".to_string(),
    };
    let ending = if i == "i" && ending.starts_with('e') {
        format!("i{ending}")
    } else {
        ending
    };
    format!("{stem}{ending}")
}

struct Verb {
    inf: &'static str,
    imperative: &'static str,
    third: &'static str,
    third_pl: &'static str,
    participle: &'static str,
}

/// The Polish vocabulary, built once.
pub struct Polish {
    nouns: Vec<Noun>,
    adjectives: Vec<&'static str>,
    verbs: Vec<Verb>,
    adverbs: Vec<&'static str>,
}

impl Polish {
    pub fn new() -> Polish {
        let mut seen = std::collections::HashSet::new();
        let mut nouns = Vec::new();
        for (list, gender) in [
            (NOUNS_M, Gender::M),
            (NOUNS_F, Gender::F),
            (NOUNS_N, Gender::N),
        ] {
            for w in list.split_whitespace() {
                let (word, animate) = match w.strip_suffix('+') {
                    Some(word) => (word, true),
                    None => (w, false),
                };
                if seen.insert(word) {
                    nouns.push(Noun {
                        gender,
                        forms: decline(word, gender, animate),
                    });
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        let verbs = VERBS
            .split_whitespace()
            .filter_map(|spec| {
                let mut p = spec.split(':');
                Some(Verb {
                    inf: p.next()?,
                    imperative: p.next()?,
                    third: p.next()?,
                    third_pl: p.next()?,
                    participle: p.next()?,
                })
            })
            .filter(|v| seen.insert(v.inf))
            .collect();
        Polish {
            nouns,
            adjectives: words(ADJECTIVES),
            verbs,
            adverbs: words(ADVERBS),
        }
    }

    fn verb(&self, r: &mut Rng) -> &Verb {
        r.pick(&self.verbs)
    }

    fn adverb(&self, r: &mut Rng) -> &'static str {
        r.choose(&self.adverbs)
    }

    /// A noun phrase in a case, and whether it is plural (nominative and accusative
    /// plurals use the plural form).
    fn np(&self, r: &mut Rng, case: Case) -> String {
        let n = r.pick(&self.nouns);
        let plural = matches!(case, Case::Nom | Case::Acc) && r.chance(250);
        let mut s = String::new();
        if r.chance(350) && !plural {
            s.push_str(&adjective(r.choose(&self.adjectives), n.gender, case));
            s.push(' ');
        }
        let form = if plural {
            &n.forms[5]
        } else {
            match case {
                Case::Nom => &n.forms[0],
                Case::Gen => &n.forms[1],
                Case::Acc => &n.forms[2],
                Case::Loc => &n.forms[3],
                Case::Ins => &n.forms[4],
            }
        };
        s.push_str(form);
        if r.chance(180) {
            let g = r.pick(&self.nouns);
            s.push(' ');
            s.push_str(if r.chance(300) {
                &g.forms[6]
            } else {
                &g.forms[1]
            });
        } else if r.chance(60) {
            s.push_str(" dla ");
            s.push_str(r.choose(&PRODUCTS));
        }
        s
    }

    pub fn sentence(&self, r: &mut Rng) -> String {
        let s = match r.below(14) {
            0 => format!("{} {}.", self.verb(r).imperative, self.np(r, Case::Acc)),
            1 => format!(
                "jeśli {} nie {} {}, {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).third,
                self.np(r, Case::Gen),
                self.verb(r).imperative,
                self.np(r, Case::Acc)
            ),
            2 => format!(
                "{} {} {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).third,
                self.np(r, Case::Acc),
                self.adverb(r)
            ),
            3 => format!(
                "aby {} {}, {} {} w {}.",
                self.verb(r).inf,
                self.np(r, Case::Acc),
                self.verb(r).imperative,
                self.np(r, Case::Acc),
                self.np(r, Case::Loc)
            ),
            4 => format!(
                "{} może {} {} {}.",
                self.np(r, Case::Nom),
                self.adverb(r),
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
            5 => format!(
                "po {} {} {} {}.",
                self.np(r, Case::Loc),
                self.np(r, Case::Nom),
                self.verb(r).third,
                self.np(r, Case::Acc)
            ),
            6 => format!(
                "{} jest {}, więc możesz {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).participle,
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
            7 => format!(
                "gdy użytkownicy {} {}, {} {} {}.",
                self.verb(r).third_pl,
                self.np(r, Case::Acc),
                self.np(r, Case::Nom),
                self.adverb(r),
                self.verb(r).third
            ),
            8 => format!(
                "możesz {} {} {}.",
                self.adverb(r),
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
            9 => format!(
                "{} i {} są ważne dla {}.",
                self.np(r, Case::Nom),
                self.np(r, Case::Nom),
                self.np(r, Case::Gen)
            ),
            10 => format!(
                "do {} potrzebny jest {}.",
                self.np(r, Case::Gen),
                self.np(r, Case::Nom)
            ),
            11 => format!(
                "administrator może poprosić o {} {} lub {} {}.",
                self.verb(r).participle,
                self.np(r, Case::Acc),
                self.verb(r).participle,
                self.np(r, Case::Acc)
            ),
            12 => format!(
                "{} nie {} {}, ale możesz {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).third,
                self.np(r, Case::Gen),
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
            _ => format!(
                "przed {} zalecamy {} {}.",
                self.np(r, Case::Ins),
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
        };
        capitalize(&s)
    }

    pub fn heading(&self, r: &mut Rng) -> String {
        let s = match r.below(6) {
            0 | 1 => format!("{} {}", self.verb(r).inf, self.np(r, Case::Acc)),
            2 => format!("jak {} {}", self.verb(r).inf, self.np(r, Case::Acc)),
            3 => format!(
                "co się dzieje, gdy {} jest {}?",
                self.np(r, Case::Nom),
                self.verb(r).participle
            ),
            4 => format!("{} {}", self.np(r, Case::Nom), self.np(r, Case::Gen)),
            _ => format!(
                "{} {} w systemie {}",
                self.verb(r).inf,
                self.np(r, Case::Acc),
                r.pick(&PRODUCTS)
            ),
        };
        capitalize(&s)
    }

    pub fn label(&self, r: &mut Rng) -> String {
        let n = r.pick(&self.nouns);
        if r.chance(300) {
            capitalize(&format!("{} {}", n.forms[0], r.pick(&self.nouns).forms[1]))
        } else {
            capitalize(&n.forms[0])
        }
    }

    pub fn phrase(&self, r: &mut Rng) -> String {
        if r.chance(400) {
            format!("{} {}", self.verb(r).inf, self.np(r, Case::Acc))
        } else {
            self.np(r, Case::Nom)
        }
    }

    pub fn procedure_intro(&self, r: &mut Rng) -> String {
        format!("Aby {} {}:", self.verb(r).inf, self.np(r, Case::Acc))
    }

    pub fn step(&self, r: &mut Rng) -> String {
        let label = self.label(r);
        let s = match r.below(4) {
            0 => format!("w {} wybierz **{label}**.", self.np(r, Case::Loc)),
            1 => format!(
                "{} **{label}**, a następnie {} {}.",
                self.verb(r).imperative,
                self.verb(r).imperative.to_lowercase(),
                self.np(r, Case::Acc)
            ),
            2 => format!(
                "na ekranie [{label}] {} {}.",
                self.verb(r).imperative.to_lowercase(),
                self.np(r, Case::Acc)
            ),
            _ => format!(
                "naciśnij **{label}**, aby {} {}.",
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
        };
        capitalize(&s)
    }

    pub fn with_link(&self, r: &mut Rng, link: &str) -> String {
        let s = match r.below(4) {
            0 => format!("więcej informacji znajdziesz w artykule {link}."),
            1 => format!(
                "aby {} {}, zobacz {link}.",
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
            2 => format!(
                "w artykule {link} możesz {} {}.",
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
            _ => format!(
                "{link} opisuje, jak {} {}.",
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
        };
        capitalize(&s)
    }

    pub fn code_sentence(&self, r: &mut Rng, code: &str) -> String {
        let s = match r.below(3) {
            0 => format!("wpisz `{code}` w {}.", self.np(r, Case::Loc)),
            1 => format!(
                "{} `{code}`, aby {} {}.",
                self.verb(r).imperative,
                self.verb(r).inf,
                self.np(r, Case::Acc)
            ),
            _ => format!(
                "wartość `{code}` {} {}.",
                self.verb(r).third,
                self.np(r, Case::Acc)
            ),
        };
        capitalize(&s)
    }

    pub fn table_headers(&self) -> [&'static str; 3] {
        ["Opcja", "Opis", "Wartość domyślna"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declension() {
        let f = decline("aplikacja", Gender::F, false);
        assert_eq!(f[1], "aplikacji");
        assert_eq!(f[2], "aplikację");
        let m = decline("plik", Gender::M, false);
        assert_eq!(m[1], "pliku");
        assert_eq!(m[5], "pliki");
        let n = decline("urządzenie", Gender::N, false);
        assert_eq!(n[1], "urządzenia");
        assert_eq!(adjective("nowy", Gender::F, Case::Acc), "nową");
        assert_eq!(adjective("nowy", Gender::M, Case::Gen), "nowego");
    }
}
