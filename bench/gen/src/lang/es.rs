//! Spanish prose: word lists written for this generator and regular morphology
//! (gender and number agreement, eleven verb forms), so that a few hundred stems give a
//! few thousand distinct words, which is what a stemming search index should see.

use super::{unique_words, words};
use crate::rng::Rng;

/// Masculine nouns; `sg/pl` where the plural is not regular.
const NOUNS_M: &str = "dispositivo teléfono equipo servidor perfil certificado archivo documento \
correo mensaje botón menú panel icono enlace acceso registro usuario administrador departamento \
sistema programa paquete proceso paso requisito cambio error problema aviso servicio sitio portal \
navegador explorador código número nombre campo valor control ajuste modo tipo grupo contacto \
calendario dato informe historial estado resultado método permiso recurso almacenamiento espacio \
disco volumen/volúmenes cifrado bloqueo desbloqueo inicio cierre reinicio restablecimiento borrado \
dominio entorno escritorio teclado ratón monitor cable puerto adaptador cargador sensor lector \
asistente catálogo complemento componente controlador directorio elemento encabezado evento filtro \
formato identificador idioma intento límite minuto segundo día mes año momento motivo objetivo plazo \
propietario proveedor punto recordatorio respaldo riesgo rol sector soporte tiempo título uso vínculo \
anexo apartado buzón canal cliente comentario comando concepto contenido contrato criterio destino \
destinatario detalle diagnóstico diálogo distintivo emisor esquema fabricante fallo fondo fragmento \
funcionamiento gráfico índice indicador inventario lanzador listado marcador mecanismo medio modelo \
módulo nivel nodo objeto parámetro patrón período plan procedimiento producto protocolo proyecto \
reglamento reloj repositorio sello tablero técnico trabajo trámite vencimiento visor tema párrafo \
acuerdo ajuste almacén análisis/análisis apoyo archivo arranque atajo aviso borrador calendario \
certificado circuito cuadro cupo derecho desarrollo despliegue dibujo empleado encargado envío \
equipo escenario espejo estudiante firmante formulario gestor horario huésped instalador juego \
lote margen/márgenes miembro mapa microteléfono navegador paquete pie pin/pines plano portapapeles/portapapeles \
proceso puesto rango rastro reporte resumen/resúmenes retraso ruido saldo servidor sobre suceso \
temporizador texto tráfico turno umbral vídeo virus/virus";

/// Feminine nouns; `sg/pl` where the plural is not regular.
const NOUNS_F: &str = "aplicación configuración contraseña cuenta pantalla tienda página red \
conexión dirección opción notificación actualización versión política directiva empresa \
organización escuela tarjeta clave carpeta lista ventana pestaña barra sección herramienta función \
característica información seguridad privacidad identidad credencial firma licencia solicitud \
respuesta pregunta ayuda guía instrucción advertencia alerta amenaza vulnerabilidad protección copia \
batería memoria cámara ubicación fecha hora semana zona región plataforma interfaz consola sesión \
suscripción inscripción instalación descarga carga sincronización restricción excepción regla \
condición categoría etiqueta imagen/imágenes captura foto marca unidad tabla columna fila celda \
entrada salida casilla ficha plantilla vista cola tarea acción operación petición llamada búsqueda \
consulta comprobación verificación autenticación autorización evaluación revisión migración \
transferencia llave frase palabra letra línea nube oficina sede sucursal biblioteca galería agenda \
nota factura reunión persona cifra muestra prueba duración frecuencia prioridad propiedad \
preferencia cuota capacidad velocidad señal antena extensión integración edición variante ruta raíz \
huella cara voz mano cifra clase colección comunidad copia cuadrícula demora descripción \
distribución documentación duda energía estrategia estructura experiencia fase fuente gestión \
historia identificación impresora incidencia infraestructura inspección lectura limitación \
llamada máquina medida mejora modalidad norma novedad oferta orden pantalla partición pauta \
plataforma potencia práctica presentación prueba publicación recepción recomendación referencia \
relación reparación reserva resolución responsabilidad restauración retención revisión rutina \
selección serie situación sugerencia tecla tendencia terminal/terminales vigencia visita";

/// Adjectives in the masculine singular.
const ADJECTIVES: &str = "nuevo antiguo actual principal secundario personal corporativo \
empresarial disponible necesario obligatorio opcional seguro protegido cifrado bloqueado activo \
inactivo válido correcto incorrecto completo incompleto rápido lento sencillo complejo local remoto \
móvil digital virtual físico público privado general específico único similar distinto diferente \
importante reciente anterior siguiente posterior superior inferior interno externo manual automático \
predeterminado compatible incompatible administrado registrado inscrito instalado actualizado \
sincronizado configurado conectado desconectado habilitado deshabilitado visible oculto temporal \
permanente breve largo corto alto bajo grande pequeño amplio estrecho claro oscuro azul verde rojo \
amarillo gris blanco negro técnico práctico útil fácil difícil frecuente habitual normal especial \
adicional básico avanzado moderno mensual semanal diario anual central lateral inicial final global \
regional nacional internacional legal oficial fiable estable inestable sensible confidencial crítico \
grave leve menor mayor posible imposible probable suficiente insuficiente exacto preciso vacío lleno \
libre ocupado abierto cerrado limitado ilimitado restringido permitido prohibido pendiente urgente \
sospechoso malicioso dañino infectado vulnerable resistente portátil inalámbrico compartido dedicado \
propio cierto concreto adecuado apropiado conveniente eficaz capaz numérico alfanumérico gratuito \
estático dinámico visual sonoro táctil biométrico gráfico textual educativo laboral doméstico \
profesional escolar rápido seguro previo pleno parcial total mínimo máximo medio";

/// Infinitives with regular conjugation (orthographic changes handled below).
const VERBS: &str = "configurar seleccionar instalar actualizar descargar activar desactivar \
habilitar deshabilitar verificar revisar cambiar guardar borrar eliminar agregar quitar usar utilizar \
acceder administrar gestionar registrar inscribir sincronizar bloquear desbloquear cifrar proteger \
reiniciar restablecer iniciar finalizar cancelar aceptar rechazar confirmar copiar pegar buscar \
filtrar ordenar marcar desmarcar arrastrar tocar pulsar presionar deslizar ajustar modificar editar \
crear generar importar exportar compartir publicar notificar informar avisar alertar indicar ocultar \
cargar almacenar conservar supervisar controlar analizar examinar detectar identificar autenticar \
autorizar solicitar firmar validar comparar conectar desconectar vincular desvincular asociar \
emparejar escanear programar planificar organizar agrupar etiquetar clasificar nombrar renombrar \
asignar reasignar delegar limitar restringir permitir evitar ignorar omitir aplicar implementar \
distribuir incluir excluir contribuir sustituir reemplazar consultar contactar llamar esperar tardar \
durar terminar completar rellenar introducir escribir describir abrir imprimir recibir decidir \
definir dividir añadir admitir cumplir existir ocurrir suscribir transmitir responder depender \
comprender aprender ceder conceder proceder exceder comprometer someter corresponder recorrer \
ofrecer aparecer desaparecer establecer reconocer conocer pertenecer permanecer favorecer fortalecer \
producir reducir traducir ejecutar navegar visitar explorar abandonar acumular agotar ahorrar \
alcanzar alternar anotar anular apagar arrancar archivar asegurar avanzar bajar subir calcular \
capturar centralizar colaborar comunicar concentrar consumir contestar cuidar dejar depurar \
desinstalar destacar determinar documentar duplicar enumerar facilitar fijar formatear funcionar \
grabar garantizar heredar integrar intentar invitar liberar localizar manejar migrar minimizar \
maximizar montar necesitar observar optimizar pausar personalizar preparar presentar prestar \
priorizar procesar proporcionar reactivar recuperar redactar regresar reparar repasar reservar \
resguardar respaldar restaurar resumir retirar retrasar reutilizar rotar señalar simplificar \
solucionar superar suspender tomar trabajar transformar ubicar vigilar visualizar";

const PARTICIPLES: [(&str, &str); 6] = [
    ("abrir", "abierto"),
    ("escribir", "escrito"),
    ("describir", "descrito"),
    ("inscribir", "inscrito"),
    ("suscribir", "suscrito"),
    ("imprimir", "impreso"),
];

const ADVERBS: &str = "ahora después antes siempre nunca rápidamente fácilmente automáticamente \
manualmente normalmente habitualmente correctamente completamente parcialmente inmediatamente \
periódicamente temporalmente finalmente primero también todavía además luego pronto ya \
posiblemente probablemente directamente localmente remotamente previamente nuevamente \
simplemente únicamente solamente diariamente semanalmente mensualmente";

const PREPOSITIONS: [&str; 10] = [
    "en", "desde", "con", "para", "sobre", "mediante", "sin", "entre", "hacia", "de",
];

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
    "Portal de empresa",
    "Contoso Mail",
    "Fabrikam Sync",
    "Centro de ayuda",
];

struct Noun {
    sg: &'static str,
    pl: String,
    fem: bool,
}

struct Verb {
    inf: &'static str,
    forms: [String; 14],
}

// Indices into `Verb::forms`; each plural form is the singular's index + 1.
const PRES3: usize = 0;
const SUBJ3: usize = 2;
const PART: usize = 4;
const GER: usize = 5;
const FUT3: usize = 6;
const PRET3: usize = 8;
const IMPF3: usize = 10;
const COND3: usize = 12;

/// The Spanish vocabulary, built once.
pub struct Spanish {
    nouns: Vec<Noun>,
    adjectives: Vec<[String; 4]>,
    verbs: Vec<Verb>,
    adverbs: Vec<&'static str>,
}

fn plural(sg: &str) -> String {
    let last = sg.chars().last().unwrap_or('a');
    if "aeiouáéóú".contains(last) {
        return format!("{sg}s");
    }
    for (from, to) in [
        ("ión", "iones"),
        ("ón", "ones"),
        ("án", "anes"),
        ("és", "eses"),
    ] {
        if let Some(stem) = sg.strip_suffix(from) {
            return format!("{stem}{to}");
        }
    }
    if let Some(stem) = sg.strip_suffix('z') {
        return format!("{stem}ces");
    }
    format!("{sg}es")
}

fn nouns(list: &'static str, fem: bool) -> impl Iterator<Item = Noun> {
    list.split_whitespace()
        .map(move |w| match w.split_once('/') {
            Some((sg, pl)) => Noun {
                sg,
                pl: pl.to_string(),
                fem,
            },
            None => Noun {
                sg: w,
                pl: plural(w),
                fem,
            },
        })
}

/// Masculine singular, feminine singular, masculine plural, feminine plural.
fn adjective_forms(adj: &str) -> [String; 4] {
    if let Some(stem) = adj.strip_suffix('o') {
        [
            adj.to_string(),
            format!("{stem}a"),
            format!("{stem}os"),
            format!("{stem}as"),
        ]
    } else {
        let pl = plural(adj);
        [adj.to_string(), adj.to_string(), pl.clone(), pl]
    }
}

fn conjugate(inf: &'static str) -> Verb {
    let (stem, class) = inf.split_at(inf.len() - 2);
    let future = [format!("{inf}á"), format!("{inf}án")];
    let conditional = [format!("{inf}ía"), format!("{inf}ían")];
    let mut forms = if class == "ar" {
        // Subjunctive keeps the consonant's sound: busque, pague, alcance.
        let subj = if let Some(s) = stem.strip_suffix('c') {
            format!("{s}qu")
        } else if let Some(s) = stem.strip_suffix('g') {
            format!("{s}gu")
        } else if let Some(s) = stem.strip_suffix('z') {
            format!("{s}c")
        } else {
            stem.to_string()
        };
        [
            format!("{stem}a"),
            format!("{stem}an"),
            format!("{subj}e"),
            format!("{subj}en"),
            format!("{stem}ado"),
            format!("{stem}ando"),
            future[0].clone(),
            future[1].clone(),
            format!("{stem}ó"),
            format!("{stem}aron"),
            format!("{stem}aba"),
            format!("{stem}aban"),
            conditional[0].clone(),
            conditional[1].clone(),
        ]
    } else if stem.ends_with('u') && !stem.ends_with("gu") && !stem.ends_with("qu") {
        // incluir: incluye, incluya, incluyendo, incluyó.
        [
            format!("{stem}ye"),
            format!("{stem}yen"),
            format!("{stem}ya"),
            format!("{stem}yan"),
            format!("{stem}ido"),
            format!("{stem}yendo"),
            future[0].clone(),
            future[1].clone(),
            format!("{stem}yó"),
            format!("{stem}yeron"),
            format!("{stem}ía"),
            format!("{stem}ían"),
            conditional[0].clone(),
            conditional[1].clone(),
        ]
    } else {
        let vowel_c = stem.ends_with('c')
            && stem[..stem.len() - 1]
                .chars()
                .last()
                .is_some_and(|c| "aeiou".contains(c));
        // proteja, reduzca: the subjunctive stem of -ger/-gir and vowel + -cer/-cir.
        let subj = if let Some(s) = stem.strip_suffix('g') {
            format!("{s}j")
        } else if vowel_c {
            format!("{}zc", &stem[..stem.len() - 1])
        } else {
            stem.to_string()
        };
        [
            format!("{stem}e"),
            format!("{stem}en"),
            format!("{subj}a"),
            format!("{subj}an"),
            format!("{stem}ido"),
            format!("{stem}iendo"),
            future[0].clone(),
            future[1].clone(),
            format!("{stem}ió"),
            format!("{stem}ieron"),
            format!("{stem}ía"),
            format!("{stem}ían"),
            conditional[0].clone(),
            conditional[1].clone(),
        ]
    };
    if let Some((_, p)) = PARTICIPLES.iter().find(|(i, _)| *i == inf) {
        forms[PART] = p.to_string();
    }
    Verb { inf, forms }
}

/// The first letter in upper case, after an opening `¿` or `¡`.
fn capitalize(s: &str) -> String {
    for mark in ['¿', '¡'] {
        if let Some(rest) = s.strip_prefix(mark) {
            return format!("{mark}{}", super::capitalize(rest));
        }
    }
    super::capitalize(s)
}

/// de + el = del, a + el = al.
fn contract(s: &str) -> String {
    s.replace(" de el ", " del ")
        .replace(" a el ", " al ")
        .replace("De el ", "Del ")
}

/// Grammatical gender and number of a noun phrase, for agreement.
#[derive(Clone, Copy)]
struct Agreement {
    fem: bool,
    plural: bool,
}

impl Agreement {
    /// Index into `[masc sg, fem sg, masc pl, fem pl]`.
    fn slot(self) -> usize {
        self.fem as usize + 2 * self.plural as usize
    }
}

const DETERMINERS: [[&str; 4]; 7] = [
    ["el", "la", "los", "las"],
    ["el", "la", "los", "las"],
    ["un", "una", "unos", "unas"],
    ["su", "su", "sus", "sus"],
    ["este", "esta", "estos", "estas"],
    ["otro", "otra", "otros", "otras"],
    ["algún", "alguna", "algunos", "algunas"],
];

impl Spanish {
    pub fn new() -> Spanish {
        let mut seen = std::collections::HashSet::new();
        let nouns = nouns(NOUNS_M, false)
            .chain(nouns(NOUNS_F, true))
            .filter(|n| seen.insert(n.sg))
            .collect();
        let adjectives = unique_words(ADJECTIVES)
            .into_iter()
            .map(adjective_forms)
            .collect();
        let verbs = VERBS.split_whitespace().map(conjugate).collect();
        let adverbs = words(ADVERBS);
        Spanish {
            nouns,
            adjectives,
            verbs,
            adverbs,
        }
    }

    fn verb(&self, r: &mut Rng) -> &Verb {
        r.pick(&self.verbs)
    }

    /// A verb form agreeing with a subject: `form` is the singular's index.
    fn vf(&self, r: &mut Rng, form: usize, a: Agreement) -> &str {
        let i = if form == PART || form == GER {
            form
        } else {
            form + a.plural as usize
        };
        &self.verb(r).forms[i]
    }

    fn adj(&self, r: &mut Rng, a: Agreement) -> &str {
        &r.pick(&self.adjectives)[a.slot()]
    }

    /// Agreeing participle: configurado, configurada, configurados, configuradas.
    fn participle(&self, r: &mut Rng, a: Agreement) -> String {
        let p = &self.verb(r).forms[PART];
        let stem = p.strip_suffix('o').unwrap_or(p);
        let end = ["o", "a", "os", "as"][a.slot()];
        format!("{stem}{end}")
    }

    /// A noun phrase with its agreement.
    fn np_full(&self, r: &mut Rng) -> (String, Agreement) {
        let n = r.pick(&self.nouns);
        let a = Agreement {
            fem: n.fem,
            plural: r.chance(300),
        };
        let det = r.pick(&DETERMINERS)[a.slot()];
        let word = if a.plural { n.pl.as_str() } else { n.sg };
        let mut s = format!("{det} {word}");
        if r.chance(400) {
            s.push(' ');
            s.push_str(self.adj(r, a));
        }
        if r.chance(180) {
            s.push_str(" de ");
            s.push_str(&self.np_simple(r));
        }
        if r.chance(60) {
            s.push_str(" de ");
            s.push_str(r.choose(&PRODUCTS));
        }
        (s, a)
    }

    fn np_simple(&self, r: &mut Rng) -> String {
        let n = r.pick(&self.nouns);
        let plural = r.chance(250);
        let det = DETERMINERS[0][n.fem as usize + 2 * plural as usize];
        let word = if plural { n.pl.as_str() } else { n.sg };
        format!("{det} {word}")
    }

    fn np(&self, r: &mut Rng) -> String {
        self.np_full(r).0
    }

    fn pp(&self, r: &mut Rng) -> String {
        format!("{} {}", r.pick(&PREPOSITIONS), self.np(r))
    }

    fn adverb(&self, r: &mut Rng) -> &'static str {
        r.choose(&self.adverbs)
    }

    /// One sentence, capitalised, with its final punctuation.
    pub fn sentence(&self, r: &mut Rng) -> String {
        const SG: Agreement = Agreement {
            fem: false,
            plural: false,
        };
        let s = match r.below(14) {
            0 => format!("{} {} {}.", self.vf(r, SUBJ3, SG), self.np(r), self.pp(r)),
            1 => {
                let (subj, a) = self.np_full(r);
                format!(
                    "si {subj} no {} {}, {} {}.",
                    self.vf(r, PRES3, a),
                    self.np(r),
                    self.vf(r, SUBJ3, SG),
                    self.np(r)
                )
            }
            2 => {
                let (subj, a) = self.np_full(r);
                let v = self.vf(r, PRES3, a);
                format!("{subj} {v} {} {}.", self.np(r), self.adverb(r))
            }
            3 => format!(
                "para {} {}, {} {} {}.",
                self.verb(r).inf,
                self.np(r),
                self.vf(r, SUBJ3, SG),
                self.np(r),
                self.pp(r)
            ),
            4 => {
                let (subj, a) = self.np_full(r);
                format!(
                    "es posible que {subj} {} {} {}.",
                    self.vf(r, SUBJ3, a),
                    self.np(r),
                    self.pp(r)
                )
            }
            5 => {
                let head = format!("después de {} {}", self.verb(r).inf, self.np(r));
                let (subj, a) = self.np_full(r);
                format!("{head}, {subj} {} {}.", self.vf(r, FUT3, a), self.np(r))
            }
            6 => {
                let (subj, a) = self.np_full(r);
                let aux = if a.plural { "están" } else { "está" };
                let p = self.participle(r, a);
                format!("{subj} {aux} {p} {}.", self.pp(r))
            }
            7 => {
                let (s1, a1) = self.np_full(r);
                let v1 = self.vf(r, PRES3, a1).to_string();
                let o1 = self.np(r);
                let (s2, a2) = self.np_full(r);
                let v2 = self.vf(r, PRET3, a2);
                format!("cuando {s1} {v1} {o1}, {s2} {v2} {}.", self.np(r))
            }
            8 => format!(
                "puede {} {} {} {}.",
                self.verb(r).inf,
                self.np(r),
                self.pp(r),
                self.adverb(r)
            ),
            9 => {
                let (subj, a) = self.np_full(r);
                format!(
                    "{subj} que {} {} ya no {} {}.",
                    self.vf(r, IMPF3, a),
                    self.np(r),
                    self.vf(r, PRES3, a),
                    self.np(r)
                )
            }
            10 => {
                let (s1, a1) = self.np_full(r);
                let v1 = self.vf(r, PRES3, a1).to_string();
                let (s2, a2) = self.np_full(r);
                let sigue = if a2.plural { "siguen" } else { "sigue" };
                format!(
                    "mientras {s1} {v1}, {s2} {sigue} {} {}.",
                    self.vf(r, GER, a2),
                    self.np(r)
                )
            }
            11 => {
                let head = format!("no {} {}", self.vf(r, SUBJ3, SG), self.np(r));
                let (subj, a) = self.np_full(r);
                format!(
                    "{head} hasta que {subj} {} {}.",
                    self.vf(r, SUBJ3, a),
                    self.np(r)
                )
            }
            12 => {
                let head = format!("el administrador {} {}", self.vf(r, COND3, SG), self.np(r));
                let (subj, a) = self.np_full(r);
                format!("{head} si {subj} {} {}.", self.vf(r, PRES3, a), self.pp(r))
            }
            _ => {
                let (subj, a) = self.np_full(r);
                let v = self.vf(r, SUBJ3, a);
                format!(
                    "es importante que {subj} {v} {} {}.",
                    self.np(r),
                    self.pp(r)
                )
            }
        };
        contract(&capitalize(&s))
    }

    /// A heading or title, without final punctuation unless it is a question.
    pub fn heading(&self, r: &mut Rng) -> String {
        let s = match r.below(6) {
            0 | 1 => format!("{} {} {}", self.verb(r).inf, self.np(r), self.pp(r)),
            2 => {
                let (subj, a) = self.np_full(r);
                format!("¿cómo se {} {subj}?", self.vf(r, PRES3, a))
            }
            3 => format!("¿qué ocurre al {} {}?", self.verb(r).inf, self.np(r)),
            4 => {
                let n = r.pick(&self.nouns).sg;
                format!("{n} {}", self.pp(r))
            }
            _ => format!(
                "{} {} en {}",
                self.verb(r).inf,
                self.np(r),
                r.pick(&PRODUCTS)
            ),
        };
        contract(&capitalize(&s))
    }

    /// A user-interface label such as a button name.
    pub fn label(&self, r: &mut Rng) -> String {
        let n = r.pick(&self.nouns);
        if r.chance(400) {
            let a = Agreement {
                fem: n.fem,
                plural: false,
            };
            capitalize(&format!("{} {}", n.sg, self.adj(r, a)))
        } else if r.chance(300) {
            capitalize(self.verb(r).inf)
        } else {
            capitalize(n.sg)
        }
    }

    /// A short noun phrase (alt text, table cells, link text).
    pub fn phrase(&self, r: &mut Rng) -> String {
        let (np, a) = self.np_full(r);
        let np = if r.chance(500) {
            format!("{np} {}", self.participle(r, a))
        } else {
            np
        };
        contract(&capitalize(&np))
    }

    /// "Para configurar la cuenta:" introducing a procedure.
    pub fn procedure_intro(&self, r: &mut Rng) -> String {
        contract(&format!("Para {} {}:", self.verb(r).inf, self.np(r)))
    }

    /// One step of a procedure, naming a UI element in bold.
    pub fn step(&self, r: &mut Rng) -> String {
        const SG: Agreement = Agreement {
            fem: false,
            plural: false,
        };
        let label = self.label(r);
        let s = match r.below(4) {
            0 => format!("en {}, {} **{label}**.", self.np(r), self.vf(r, SUBJ3, SG)),
            1 => format!(
                "{} **{label}** y, a continuación, {} {}.",
                self.vf(r, SUBJ3, SG),
                self.vf(r, SUBJ3, SG),
                self.np(r)
            ),
            2 => format!("{} [{label}] {}.", self.vf(r, SUBJ3, SG), self.pp(r)),
            _ => format!(
                "{} **{label}** para {} {}.",
                self.vf(r, SUBJ3, SG),
                self.verb(r).inf,
                self.np(r)
            ),
        };
        contract(&capitalize(&s))
    }

    /// A sentence that carries a Markdown link, `link` being the whole `[t](u)`.
    pub fn with_link(&self, r: &mut Rng, link: &str) -> String {
        let s = match r.below(4) {
            0 => format!("para obtener más información, consulte {link}."),
            1 => format!(
                "si necesita {} {}, vea {link}.",
                self.verb(r).inf,
                self.np(r)
            ),
            2 => format!("{} {} en {link}.", self.verb(r).forms[SUBJ3], self.np(r)),
            _ => format!("{link} {} {}.", self.verb(r).forms[PRES3], self.np(r)),
        };
        contract(&capitalize(&s))
    }

    /// A sentence with a command or path in a code span.
    pub fn code_sentence(&self, r: &mut Rng, code: &str) -> String {
        let s = match r.below(3) {
            0 => format!("escriba `{code}` en {}.", self.np(r)),
            1 => format!("{} `{code}` {}.", self.verb(r).forms[SUBJ3], self.pp(r)),
            _ => format!(
                "el valor `{code}` {} {}.",
                self.verb(r).forms[PRES3],
                self.np(r)
            ),
        };
        contract(&capitalize(&s))
    }

    pub fn table_headers(&self) -> [&'static str; 3] {
        ["Opción", "Descripción", "Valor predeterminado"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn morphology() {
        assert_eq!(plural("botón"), "botones");
        assert_eq!(plural("aplicación"), "aplicaciones");
        assert_eq!(plural("interfaz"), "interfaces");
        assert_eq!(plural("red"), "redes");
        assert_eq!(plural("menú"), "menús");
        let v = conjugate("buscar");
        assert_eq!(v.forms[SUBJ3], "busque");
        let v = conjugate("proteger");
        assert_eq!(v.forms[SUBJ3], "proteja");
        let v = conjugate("incluir");
        assert_eq!(v.forms[PRES3], "incluye");
        assert_eq!(v.forms[GER], "incluyendo");
        let v = conjugate("reducir");
        assert_eq!(v.forms[SUBJ3], "reduzca");
        let v = conjugate("abrir");
        assert_eq!(v.forms[PART], "abierto");
        assert_eq!(
            contract("Vea el menú de el equipo"),
            "Vea el menú del equipo"
        );
        assert_eq!(capitalize("¿cómo?"), "¿Cómo?");
    }
}
