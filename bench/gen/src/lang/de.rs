//! German prose: word lists written for this generator, with articles and case endings
//! (nominative, accusative, dative, genitive), verb forms (infinitive, third person,
//! participle) and compound nouns (Geräte + Einstellung → Geräteeinstellung), so that a
//! stemming index sees the variety of German help articles.

use super::{capitalize, words};
use crate::rng::Rng;

/// Nouns as `gender:singular:plural` (m, f, n).
const NOUNS: &str = "n:Gerät:Geräte n:Telefon:Telefone m:Computer:Computer m:Server:Server \
f:App:Apps f:Anwendung:Anwendungen f:Software:Softwarepakete m:Dienst:Dienste f:Website:Websites \
n:Portal:Portale m:Browser:Browser n:Konto:Konten n:Kennwort:Kennwörter m:Benutzername:Benutzernamen \
f:Nachricht:Nachrichten f:Benachrichtigung:Benachrichtigungen f:Einstellung:Einstellungen \
f:Option:Optionen n:Menü:Menüs f:Schaltfläche:Schaltflächen n:Symbol:Symbole m:Link:Links \
m:Bildschirm:Bildschirme n:Fenster:Fenster f:Registerkarte:Registerkarten f:Seite:Seiten \
f:Liste:Listen m:Ordner:Ordner f:Datei:Dateien n:Dokument:Dokumente n:Foto:Fotos n:Bild:Bilder \
n:Video:Videos m:Kontakt:Kontakte m:Kalender:Kalender f:Besprechung:Besprechungen f:Aufgabe:Aufgaben \
f:Information:Informationen m:Bericht:Berichte m:Status:Status f:Version:Versionen \
n:Update:Updates n:Zertifikat:Zertifikate m:Schlüssel:Schlüssel f:Richtlinie:Richtlinien \
f:Regel:Regeln f:Einschränkung:Einschränkungen f:Berechtigung:Berechtigungen m:Zugriff:Zugriffe \
f:Sicherheit:Sicherheiten m:Datenschutz:Datenschutzregeln f:Verschlüsselung:Verschlüsselungen \
f:Firewall:Firewalls n:Virus:Viren f:Bedrohung:Bedrohungen n:Risiko:Risiken f:Warnung:Warnungen \
m:Fehler:Fehler n:Problem:Probleme f:Ursache:Ursachen f:Lösung:Lösungen m:Schritt:Schritte \
m:Vorgang:Vorgänge f:Anleitung:Anleitungen f:Beschreibung:Beschreibungen m:Support:Supportfälle \
m:Administrator:Administratoren f:Abteilung:Abteilungen n:Unternehmen:Unternehmen \
f:Organisation:Organisationen f:Schule:Schulen n:Team:Teams n:Mitglied:Mitglieder \
m:Benutzer:Benutzer m:Mitarbeiter:Mitarbeiter m:Kunde:Kunden m:Anbieter:Anbieter n:Netzwerk:Netzwerke \
f:Verbindung:Verbindungen m:Router:Router m:Anschluss:Anschlüsse f:Adresse:Adressen \
f:Domäne:Domänen m:Host:Hosts f:Cloud:Clouds m:Speicher:Speicher m:Datenträger:Datenträger \
m:Akku:Akkus n:Ladegerät:Ladegeräte n:Kabel:Kabel f:Tastatur:Tastaturen f:Maus:Mäuse \
f:Kamera:Kameras n:Mikrofon:Mikrofone m:Lautsprecher:Lautsprecher m:Kopfhörer:Kopfhörer \
m:Sensor:Sensoren m:Fingerabdruck:Fingerabdrücke n:Gesicht:Gesichter f:Kennung:Kennungen \
f:Identität:Identitäten m:Code:Codes f:Seriennummer:Seriennummern n:Modell:Modelle m:Name:Namen \
f:Kategorie:Kategorien f:Gruppe:Gruppen f:Rolle:Rollen f:Region:Regionen f:Zeitzone:Zeitzonen \
f:Sprache:Sprachen n:Datum:Daten f:Uhrzeit:Uhrzeiten f:Frist:Fristen m:Zeitraum:Zeiträume \
f:Häufigkeit:Häufigkeiten f:Anzahl:Anzahlen f:Größe:Größen f:Kapazität:Kapazitäten \
f:Geschwindigkeit:Geschwindigkeiten f:Leistung:Leistungen f:Qualität:Qualitäten n:Format:Formate \
f:Vorlage:Vorlagen n:Design:Designs m:Hintergrund:Hintergründe m:Desktop:Desktops \
m:Startbildschirm:Startbildschirme m:Sperrbildschirm:Sperrbildschirme f:Taskleiste:Taskleisten \
m:Store:Stores m:Katalog:Kataloge n:Paket:Pakete f:Komponente:Komponenten n:Modul:Module \
f:Funktion:Funktionen f:Eigenschaft:Eigenschaften m:Parameter:Parameter m:Wert:Werte n:Feld:Felder \
n:Formular:Formulare f:Tabelle:Tabellen f:Zelle:Zellen m:Titel:Titel m:Inhalt:Inhalte \
f:Zusammenfassung:Zusammenfassungen m:Anhang:Anhänge f:Signatur:Signaturen f:Lizenz:Lizenzen \
m:Vertrag:Verträge f:Bedingung:Bedingungen f:Anforderung:Anforderungen n:Ziel:Ziele \
n:Ergebnis:Ergebnisse f:Statistik:Statistiken f:Analyse:Analysen m:Verlauf:Verläufe \
f:Sicherung:Sicherungen f:Kopie:Kopien m:Treiber:Treiber f:Firmware:Firmwareversionen \
n:Betriebssystem:Betriebssysteme m:Agent:Agenten m:Client:Clients m:Endpunkt:Endpunkte \
f:Schnittstelle:Schnittstellen f:Konsole:Konsolen n:Dashboard:Dashboards m:Bereich:Bereiche \
f:Symbolleiste:Symbolleisten n:Dialogfeld:Dialogfelder n:Kontrollkästchen:Kontrollkästchen \
f:Verknüpfung:Verknüpfungen n:Lesezeichen:Lesezeichen m:Cache:Caches m:Zeitplan:Zeitpläne \
f:Sitzung:Sitzungen m:Fortschritt:Fortschritte f:Phase:Phasen m:Kurs:Kurse m:Artikel:Artikel \
n:Handbuch:Handbücher n:Feedback:Feedbacks f:Umfrage:Umfragen f:Einladung:Einladungen \
m:Antrag:Anträge f:Genehmigung:Genehmigungen f:Rechnung:Rechnungen n:Abonnement:Abonnements \
m:Tarif:Tarife m:Preis:Preise f:Zahlung:Zahlungen m:Beleg:Belege f:Telefonnummer:Telefonnummern \
m:Drucker:Drucker m:Scanner:Scanner m:Raum:Räume n:Büro:Büros f:Filiale:Filialen \
f:Zentrale:Zentralen n:Labor:Labore f:Bibliothek:Bibliotheken m:Parkplatz:Parkplätze \
m:Eingang:Eingänge m:Ausweis:Ausweise n:Papier:Papiere f:Stromversorgung:Stromversorgungen \
m:Schalter:Schalter f:Lautstärke:Lautstärken f:Helligkeit:Helligkeiten f:Auflösung:Auflösungen \
f:Schriftart:Schriftarten n:Zeichen:Zeichen f:Farbe:Farben m:Rahmen:Rahmen m:Absatz:Absätze \
m:Abschnitt:Abschnitte m:Hinweis:Hinweise m:Tipp:Tipps n:Beispiel:Beispiele n:Szenario:Szenarien \
n:Projekt:Projekte m:Meilenstein:Meilensteine f:Erinnerung:Erinnerungen f:Karte:Karten \
m:Standort:Standorte f:Richtung:Richtungen f:Entfernung:Entfernungen n:Signal:Signale \
f:Bandbreite:Bandbreiten f:Verzögerung:Verzögerungen n:Protokoll:Protokolle f:Datenbank:Datenbanken \
f:Abfrage:Abfragen f:Transaktion:Transaktionen n:Ereignis:Ereignisse f:Ausnahme:Ausnahmen \
m:Prozess:Prozesse f:Variable:Variablen f:Zeichenfolge:Zeichenfolgen n:Objekt:Objekte \
f:Abhängigkeit:Abhängigkeiten m:Build:Builds m:Zweig:Zweige m:Quellcode:Quellcodes \
m:Kommentar:Kommentare m:Test:Tests f:Automatisierung:Automatisierungen n:Skript:Skripte \
m:Befehl:Befehle m:Pfad:Pfade f:Erweiterung:Erweiterungen n:Archiv:Archive \
n:Installationsprogramm:Installationsprogramme m:Assistent:Assistenten f:Übersetzung:Übersetzungen \
n:Wörterbuch:Wörterbücher f:Abkürzung:Abkürzungen n:Budget:Budgets f:Kosten:Kosten \
m:Rabatt:Rabatte n:Angebot:Angebote f:Veranstaltung:Veranstaltungen m:Grenzwert:Grenzwerte \
m:Durchschnitt:Durchschnitte f:Summe:Summen m:Trend:Trends f:Prognose:Prognosen f:Quelle:Quellen \
n:Ziellaufwerk:Ziellaufwerke m:Absender:Absender m:Empfänger:Empfänger m:Betreff:Betreffzeilen \
m:Urlaub:Urlaube f:Reise:Reisen n:Protokollblatt:Protokollblätter f:Tagesordnung:Tagesordnungen";

/// Verbs as `infinitive:third person singular:past participle`; the imperative (formal) is
/// the infinitive followed by `Sie`.
const VERBS: &str = "konfigurieren:konfiguriert:konfiguriert auswählen:wählt aus:ausgewählt \
installieren:installiert:installiert aktualisieren:aktualisiert:aktualisiert \
herunterladen:lädt herunter:heruntergeladen aktivieren:aktiviert:aktiviert \
deaktivieren:deaktiviert:deaktiviert registrieren:registriert:registriert \
synchronisieren:synchronisiert:synchronisiert sichern:sichert:gesichert \
wiederherstellen:stellt wieder her:wiederhergestellt löschen:löscht:gelöscht \
entfernen:entfernt:entfernt hinzufügen:fügt hinzu:hinzugefügt erstellen:erstellt:erstellt \
bearbeiten:bearbeitet:bearbeitet ändern:ändert:geändert prüfen:prüft:geprüft \
bestätigen:bestätigt:bestätigt überprüfen:überprüft:überprüft anzeigen:zeigt an:angezeigt \
suchen:sucht:gesucht finden:findet:gefunden öffnen:öffnet:geöffnet schließen:schließt:geschlossen \
eingeben:gibt ein:eingegeben kopieren:kopiert:kopiert einfügen:fügt ein:eingefügt \
speichern:speichert:gespeichert senden:sendet:gesendet empfangen:empfängt:empfangen \
teilen:teilt:geteilt importieren:importiert:importiert exportieren:exportiert:exportiert \
drucken:druckt:gedruckt scannen:scannt:gescannt erkennen:erkennt:erkannt blockieren:blockiert:blockiert \
entsperren:entsperrt:entsperrt sperren:sperrt:gesperrt neustarten:startet neu:neugestartet \
zurücksetzen:setzt zurück:zurückgesetzt verschlüsseln:verschlüsselt:verschlüsselt \
schützen:schützt:geschützt verwalten:verwaltet:verwaltet überwachen:überwacht:überwacht \
melden:meldet:gemeldet benachrichtigen:benachrichtigt:benachrichtigt erlauben:erlaubt:erlaubt \
ablehnen:lehnt ab:abgelehnt genehmigen:genehmigt:genehmigt anfordern:fordert an:angefordert \
verbinden:verbindet:verbunden trennen:trennt:getrennt koppeln:koppelt:gekoppelt \
wechseln:wechselt:gewechselt verschieben:verschiebt:verschoben sortieren:sortiert:sortiert \
filtern:filtert:gefiltert markieren:markiert:markiert umbenennen:benennt um:umbenannt \
zuweisen:weist zu:zugewiesen beschränken:beschränkt:beschränkt überspringen:überspringt:übersprungen \
anwenden:wendet an:angewendet bereitstellen:stellt bereit:bereitgestellt verteilen:verteilt:verteilt \
ausschließen:schließt aus:ausgeschlossen ersetzen:ersetzt:ersetzt warten:wartet:gewartet \
abschließen:schließt ab:abgeschlossen starten:startet:gestartet beenden:beendet:beendet \
abbrechen:bricht ab:abgebrochen wiederholen:wiederholt:wiederholt ausführen:führt aus:ausgeführt \
verarbeiten:verarbeitet:verarbeitet beheben:behebt:behoben reparieren:repariert:repariert \
analysieren:analysiert:analysiert bewerten:bewertet:bewertet vergleichen:vergleicht:verglichen \
berechnen:berechnet:berechnet messen:misst:gemessen anpassen:passt an:angepasst \
optimieren:optimiert:optimiert vereinfachen:vereinfacht:vereinfacht integrieren:integriert:integriert \
migrieren:migriert:migriert übertragen:überträgt:übertragen konvertieren:konvertiert:konvertiert \
ausblenden:blendet aus:ausgeblendet einblenden:blendet ein:eingeblendet abspielen:spielt ab:abgespielt \
anhalten:hält an:angehalten fortsetzen:setzt fort:fortgesetzt behalten:behält:behalten \
leeren:leert:geleert freigeben:gibt frei:freigegeben laden:lädt:geladen aktualisieren:aktualisiert:aktualisiert \
einreichen:reicht ein:eingereicht antworten:antwortet:geantwortet weiterleiten:leitet weiter:weitergeleitet \
archivieren:archiviert:archiviert lesen:liest:gelesen schreiben:schreibt:geschrieben \
aufladen:lädt auf:aufgeladen bereitstellen:stellt bereit:bereitgestellt erhalten:erhält:erhalten \
verwenden:verwendet:verwendet nutzen:nutzt:genutzt definieren:definiert:definiert \
festlegen:legt fest:festgelegt identifizieren:identifiziert:identifiziert autorisieren:autorisiert:autorisiert \
signieren:signiert:signiert veröffentlichen:veröffentlicht:veröffentlicht abonnieren:abonniert:abonniert \
erweitern:erweitert:erweitert verkleinern:verkleinert:verkleinert drehen:dreht:gedreht \
planen:plant:geplant vorbereiten:bereitet vor:vorbereitet testen:testet:getestet erklären:erklärt:erklärt \
beantworten:beantwortet:beantwortet kontaktieren:kontaktiert:kontaktiert ausfüllen:füllt aus:ausgefüllt";

const ADJECTIVES: &str = "neu alt aktuell standardmäßig erforderlich optional wichtig sicher \
verfügbar gültig ungültig richtig vollständig schnell einfach komplex häufig bestimmt ander gleich \
verschieden persönlich geschäftlich mobil drahtlos lokal entfernt öffentlich privat intern extern \
automatisch manuell kompatibel verwaltet registriert verschlüsselt gesperrt vorübergehend dauerhaft \
primär sekundär zusätzlich grundlegend erweitert ausführlich kurz lang allgemein speziell \
vertraulich verdächtig vertrauenswürdig stabil kostenlos online offline täglich wöchentlich \
monatlich groß klein gemeinsam eigen eindeutig begrenzt leer abgelaufen ausstehend praktisch \
schwierig hell dunkel ruhig transparent physisch virtuell digital dynamisch statisch offiziell \
temporär regelmäßig technisch zentral schriftlich";

const ADVERBS: &str = "sofort automatisch manuell regelmäßig jederzeit später normalerweise \
möglicherweise unbedingt bereits weiterhin erneut zuerst dann danach schließlich gleichzeitig \
häufig gelegentlich vollständig teilweise mindestens ebenfalls vorübergehend schnellstmöglich \
einfach direkt vorab zusätzlich gemeinsam nacheinander einzeln dauerhaft zuverlässig sorgfältig";

const PRODUCTS: [&str; 16] = [
    "Android",
    "iOS",
    "Windows",
    "macOS",
    "Linux",
    "Contoso",
    "Fabrikam",
    "WLAN",
    "VPN",
    "PIN",
    "USB",
    "Bluetooth",
    "Unternehmensportal",
    "Contoso Mail",
    "Fabrikam Sync",
    "Hilfecenter",
];

#[derive(Clone, Copy, PartialEq)]
enum Gender {
    M,
    F,
    N,
}

struct Noun {
    gender: Gender,
    sg: &'static str,
    pl: &'static str,
}

struct Verb {
    inf: &'static str,
    third: &'static str,
    participle: &'static str,
}

#[derive(Clone, Copy)]
enum Case {
    Nom,
    Acc,
    Dat,
    Gen,
}

/// The definite article of a noun phrase.
fn article(gender: Gender, plural: bool, case: Case) -> &'static str {
    use Case::*;
    use Gender::*;
    if plural {
        return match case {
            Nom | Acc => "die",
            Dat => "den",
            Gen => "der",
        };
    }
    match (gender, case) {
        (M, Nom) => "der",
        (M, Acc) => "den",
        (M | N, Dat) => "dem",
        (M | N, Gen) => "des",
        (F, Nom | Acc) => "die",
        (F, Dat | Gen) => "der",
        (N, Nom | Acc) => "das",
    }
}

/// A weak adjective ending after the definite article.
fn adjective_ending(gender: Gender, plural: bool, case: Case) -> &'static str {
    use Case::*;
    use Gender::*;
    match (plural, gender, case) {
        (true, _, _) => "en",
        (false, M, Nom) | (false, F | N, Nom | Acc) => "e",
        _ => "en",
    }
}

/// The noun in its case: genitive -s/-es of masculine and neuter, dative plural -n.
fn inflect(n: &Noun, plural: bool, case: Case) -> String {
    match (plural, case, n.gender) {
        (false, Case::Gen, Gender::M | Gender::N) => {
            if n.sg.ends_with(['s', 'ß', 'x', 'z']) {
                format!("{}es", n.sg)
            } else if n.sg.ends_with("us") || n.sg.ends_with('e') && n.gender == Gender::M {
                format!("{}n", n.sg)
            } else {
                format!("{}s", n.sg)
            }
        }
        (true, Case::Dat, _) if !n.pl.ends_with(['n', 's']) => format!("{}n", n.pl),
        (true, _, _) => n.pl.to_string(),
        _ => n.sg.to_string(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => format!("{}{}", c.to_lowercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The German vocabulary, built once.
pub struct German {
    nouns: Vec<Noun>,
    verbs: Vec<Verb>,
    adjectives: Vec<&'static str>,
    adverbs: Vec<&'static str>,
}

impl German {
    pub fn new() -> German {
        let mut seen = std::collections::HashSet::new();
        let nouns = NOUNS
            .split_whitespace()
            .filter_map(|spec| {
                let mut p = spec.split(':');
                let gender = match p.next()? {
                    "m" => Gender::M,
                    "f" => Gender::F,
                    _ => Gender::N,
                };
                let (sg, pl) = (p.next()?, p.next()?);
                seen.insert(sg).then_some(Noun { gender, sg, pl })
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        let verbs = verb_specs().filter(|v| seen.insert(v.inf)).collect();
        German {
            nouns,
            verbs,
            adjectives: words(ADJECTIVES),
            adverbs: words(ADVERBS),
        }
    }

    fn noun(&self, r: &mut Rng) -> &Noun {
        r.pick(&self.nouns)
    }

    fn verb(&self, r: &mut Rng) -> &Verb {
        r.pick(&self.verbs)
    }

    /// A noun phrase in a case: article, [adjective], noun or compound, [genitive or
    /// product].
    fn np(&self, r: &mut Rng, case: Case) -> String {
        let n = self.noun(r);
        let plural = r.chance(300);
        let mut s = format!("{} ", article(n.gender, plural, case));
        if r.chance(350) {
            s.push_str(r.choose(&self.adjectives));
            s.push_str(adjective_ending(n.gender, plural, case));
            s.push(' ');
        }
        let head = inflect(n, plural, case);
        if r.chance(200) {
            // A compound: the first noun's stem, then the head in lower case.
            let first = self.noun(r).sg;
            s.push_str(first.trim_end_matches('e'));
            s.push_str(&lower_first(&head));
        } else {
            s.push_str(&head);
        }
        if r.chance(150) {
            let g = self.noun(r);
            let gp = r.chance(300);
            s.push(' ');
            s.push_str(article(g.gender, gp, Case::Gen));
            s.push(' ');
            s.push_str(&inflect(g, gp, Case::Gen));
        } else if r.chance(60) {
            s.push_str(" für ");
            s.push_str(r.choose(&PRODUCTS));
        }
        s
    }

    pub fn sentence(&self, r: &mut Rng) -> String {
        let s = match r.below(14) {
            0 => format!(
                "{} Sie {}.",
                self.verb(r).inf_first(),
                self.np(r, Case::Acc)
            ),
            1 => format!(
                "Wenn {} nicht {} wird, {} Sie {}.",
                self.np(r, Case::Nom),
                self.verb(r).participle,
                self.verb(r).inf_first(),
                self.np(r, Case::Acc)
            ),
            2 => format!(
                "{} {} {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).third_first(),
                self.np(r, Case::Acc),
                r.choose(&self.adverbs)
            ),
            3 => format!(
                "Um {} zu {}, {} Sie {} in {}.",
                self.np(r, Case::Acc),
                self.verb(r).inf,
                self.verb(r).inf_first(),
                self.np(r, Case::Acc),
                self.np(r, Case::Dat)
            ),
            4 => format!(
                "Möglicherweise {} {} {}.",
                self.verb(r).third_first(),
                self.np(r, Case::Nom),
                self.np(r, Case::Acc)
            ),
            5 => format!(
                "Nachdem {} {} wurde, {} {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).participle,
                self.verb(r).third_first(),
                self.np(r, Case::Nom),
                self.np(r, Case::Acc)
            ),
            6 => format!(
                "{} ist {}, und Sie können {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).participle,
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
            7 => format!(
                "Sobald {} {} {} hat, wird {} {} {}.",
                self.np(r, Case::Nom),
                self.np(r, Case::Acc),
                self.verb(r).participle,
                self.np(r, Case::Nom),
                r.choose(&self.adverbs),
                self.verb(r).participle
            ),
            8 => format!(
                "Sie können {} {} {}.",
                self.np(r, Case::Acc),
                r.choose(&self.adverbs),
                self.verb(r).inf
            ),
            9 => format!(
                "{} und {} sind für {} wichtig.",
                self.np(r, Case::Nom),
                self.np(r, Case::Nom),
                self.np(r, Case::Acc)
            ),
            10 => format!(
                "Für {} benötigt {} {}.",
                self.np(r, Case::Acc),
                self.np(r, Case::Nom),
                self.np(r, Case::Acc)
            ),
            11 => format!(
                "Ihr Administrator fordert Sie möglicherweise auf, {} zu {} oder {} zu {}.",
                self.np(r, Case::Acc),
                self.verb(r).inf,
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
            12 => format!(
                "{} {} {} nicht, kann aber {} {}.",
                self.np(r, Case::Nom),
                self.verb(r).third_first(),
                self.np(r, Case::Acc),
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
            _ => format!(
                "Bevor Sie {} {}, sollten Sie {} {}.",
                self.np(r, Case::Acc),
                self.verb(r).inf,
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
        };
        capitalize(&s)
    }

    pub fn heading(&self, r: &mut Rng) -> String {
        let s = match r.below(6) {
            0 | 1 => format!(
                "{} {}",
                capitalize(&self.np(r, Case::Acc)),
                self.verb(r).inf
            ),
            2 => format!(
                "So {} Sie {}",
                self.verb(r).inf_first(),
                self.np(r, Case::Acc)
            ),
            3 => format!(
                "Was passiert, wenn {} {} wird?",
                self.np(r, Case::Nom),
                self.verb(r).participle
            ),
            4 => self.noun(r).sg.to_string(),
            _ => format!(
                "{} unter {} {}",
                capitalize(&self.np(r, Case::Acc)),
                r.pick(&PRODUCTS),
                self.verb(r).inf
            ),
        };
        capitalize(&s)
    }

    pub fn label(&self, r: &mut Rng) -> String {
        if r.chance(300) {
            let first = self.noun(r).sg;
            let second = self.noun(r).sg;
            format!("{}{}", first.trim_end_matches('e'), lower_first(second))
        } else {
            self.noun(r).sg.to_string()
        }
    }

    pub fn phrase(&self, r: &mut Rng) -> String {
        if r.chance(400) {
            format!("{} {}", self.np(r, Case::Acc), self.verb(r).inf)
        } else {
            self.np(r, Case::Nom)
        }
    }

    pub fn procedure_intro(&self, r: &mut Rng) -> String {
        format!(
            "So {} Sie {}:",
            self.verb(r).inf_first(),
            self.np(r, Case::Acc)
        )
    }

    pub fn step(&self, r: &mut Rng) -> String {
        let label = self.label(r);
        match r.below(4) {
            0 => format!("Wählen Sie in {} **{label}** aus.", self.np(r, Case::Dat)),
            1 => format!(
                "{} Sie **{label}**, und {} Sie dann {}.",
                self.verb(r).inf_first(),
                self.verb(r).inf_first().to_lowercase(),
                self.np(r, Case::Acc)
            ),
            2 => format!(
                "{} Sie auf dem Bildschirm [{label}] {}.",
                self.verb(r).inf_first(),
                self.np(r, Case::Acc)
            ),
            _ => format!(
                "Tippen Sie auf **{label}**, um {} zu {}.",
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
        }
    }

    pub fn with_link(&self, r: &mut Rng, link: &str) -> String {
        match r.below(4) {
            0 => format!("Weitere Informationen finden Sie unter {link}."),
            1 => format!(
                "Wie Sie {} {}, erfahren Sie unter {link}.",
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
            2 => format!(
                "Unter {link} können Sie {} {}.",
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
            _ => format!(
                "{link} beschreibt, wie Sie {} {}.",
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
        }
    }

    pub fn code_sentence(&self, r: &mut Rng, code: &str) -> String {
        match r.below(3) {
            0 => format!("Geben Sie `{code}` in {} ein.", self.np(r, Case::Acc)),
            1 => format!(
                "{} Sie `{code}`, um {} zu {}.",
                self.verb(r).inf_first(),
                self.np(r, Case::Acc),
                self.verb(r).inf
            ),
            _ => format!(
                "Der Wert `{code}` {} {}.",
                self.verb(r).third_first(),
                self.np(r, Case::Acc)
            ),
        }
    }

    pub fn table_headers(&self) -> [&'static str; 3] {
        ["Option", "Beschreibung", "Standardwert"]
    }
}

impl Verb {
    /// The verb of an imperative (`Sie` follows; capitalised at the start of a sentence):
    /// a separable verb keeps its particle (`auswählen`), a simplification.
    fn inf_first(&self) -> String {
        self.inf.to_string()
    }

    /// The finite verb of a main clause (`wählt aus` keeps its particle next to it).
    fn third_first(&self) -> &'static str {
        self.third
    }
}

/// The verbs of `VERBS`: the third person may hold a space (`wählt aus`), so entries are
/// separated by the space before the next infinitive.
fn verb_specs() -> impl Iterator<Item = Verb> {
    let mut entries: Vec<String> = Vec::new();
    for token in VERBS.split_whitespace() {
        match entries.last_mut() {
            Some(last) if last.matches(':').count() < 2 || !token.contains(':') => {
                last.push(' ');
                last.push_str(token);
            }
            _ => entries.push(token.to_string()),
        }
    }
    entries.into_iter().filter_map(|e| {
        let e: &'static str = Box::leak(e.into_boxed_str());
        let mut p = e.splitn(3, ':');
        Some(Verb {
            inf: p.next()?,
            third: p.next()?,
            participle: p.next()?,
        })
    })
}
