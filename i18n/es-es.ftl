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
nav-more = Todas las páginas…
nav-expand = Mostrar u ocultar las páginas de este apartado
other-pages = Otras páginas
home = Inicio
choose-language = Elija su idioma
page-not-found = Página no encontrada
page-not-found-text = No hay ninguna página en esta dirección. Elija un idioma para ir a su página de inicio:
generated-by = Creado con rosetta
