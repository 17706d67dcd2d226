# Cadenas de la interfaz de rosetta: español (España).

language-name = Español

alert-note = Nota
alert-tip = Sugerencia
alert-important = Importante
alert-caution = Precaución
alert-warning = Advertencia
