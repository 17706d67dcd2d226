# rosetta UI strings: English, the fallback for every locale.
# A site overrides any of them in its own i18n/<locale>.ftl.

language-name = English

alert-note = Note
alert-tip = Tip
alert-important = Important
alert-caution = Caution
alert-warning = Warning
