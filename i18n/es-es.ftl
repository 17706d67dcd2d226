# Cadenas de la interfaz de rosetta: español (España).

language-name = Español

alert-note = Nota
alert-tip = Sugerencia
alert-important = Importante
alert-caution = Precaución
alert-warning = Advertencia

skip-to-content = Ir al contenido
menu = Menú
site-nav = Contenido
on-this-page = En esta página
language = Idioma
lang-unavailable = sin traducir
search-placeholder = Buscar
search-label = Buscar en este sitio
search-title = Búsqueda
search-button = Buscar
search-prompt = Escriba una o varias palabras para buscar en este sitio.
search-loading = Buscando…
search-results-one = { $count } resultado para «{ $query }»
search-results-other = { $count } resultados para «{ $query }»
search-no-results = No hay resultados para «{ $query }». Pruebe con otras palabras o con menos.
search-more = Más resultados
search-sections = Secciones
search-failed = No se pudo cargar la búsqueda.
search-needs-script = La búsqueda necesita JavaScript.
nav-more = Todas las páginas…
nav-expand = Mostrar u ocultar las páginas de este apartado
other-pages = Otras páginas
home = Inicio
choose-language = Elija su idioma
page-not-found = Página no encontrada
page-not-found-text = No hay ninguna página en esta dirección. Elija un idioma para ir a su página de inicio:
redirect-title = Esta página se ha movido
redirect-text = Esta página se ha movido a
mt-notice = Esta página se ha traducido automáticamente y puede contener errores.
generated-by = Creado con rosetta
stale-notice = Esta traducción se hizo a partir del original del { $date }; el original ha cambiado desde entonces (secciones modificadas: { $count }).
stale-source = Leer el original actual
stale-section = cambió en el original
lang-stale = desactualizada
lang-mt = traducción automática
