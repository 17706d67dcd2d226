# rosetta UI strings: English, the fallback for every locale.
# A site overrides any of them in its own i18n/<locale>.ftl.

language-name = English

alert-note = Note
alert-tip = Tip
alert-important = Important
alert-caution = Caution
alert-warning = Warning

skip-to-content = Skip to content
menu = Menu
site-nav = Contents
on-this-page = On this page
language = Language
lang-unavailable = not translated
search-placeholder = Search
search-label = Search this site
search-title = Search
search-button = Search
search-prompt = Type one or more words to search this site.
search-loading = Searching…
search-results-one = { $count } result for “{ $query }”
search-results-other = { $count } results for “{ $query }”
search-no-results = No results for “{ $query }”. Try other words, or fewer of them.
search-more = More results
search-sections = Sections
search-failed = The search could not be loaded.
search-needs-script = The search needs JavaScript.
nav-more = All pages…
nav-expand = Show or hide the pages below
other-pages = Other pages
home = Home
home-description = { $site }: all pages, by topic.
choose-language = Choose your language
page-not-found = Page not found
page-not-found-text = There is no page at this address. Choose a language to go to its home page:
redirect-title = This page has moved
redirect-text = This page has moved to
mt-notice = This page was translated by machine. It may contain errors.
generated-by = Built with rosetta
stale-notice = This translation was made from the source of { $date }; the source has changed since (sections changed: { $count }).
stale-source = Read the current source
stale-section = changed in the source
lang-stale = outdated
lang-mt = machine-translated
# The reader's site: colour scheme, breadcrumbs, the navigation filter, search as you type,
# the page's date and edit link, the source page in place.
theme-system = Color scheme: same as the system
theme-light = Color scheme: light
theme-dark = Color scheme: dark
breadcrumbs = Breadcrumb
nav-filter = Filter by title
nav-filter-none = No title matches this filter.
search-all = Show all results
last-updated = Last updated:
edit-page = Edit this page
# { $language }: the source language's name in itself (English).
source-show = Show the original ({ $language })
source-hide = Show the translation
# Dates: { $year }, { $month } (1–12), { $month-name } (below), { $day }.
date-format = { $month-name } { $day }, { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# The link list types of Landing pages (linkListType).
landing-overview = Overview
landing-concept = Concept
landing-how-to-guide = How-to guide
landing-tutorial = Tutorial
landing-quickstart = Quickstart
landing-reference = Reference
landing-get-started = Get started
landing-download = Download
landing-deploy = Deploy
landing-architecture = Architecture
landing-video = Video
landing-whats-new = What's new
landing-training = Training
landing-sample = Sample
landing-learn = Learn
# Versions (monikers): the picker's label, and the notice on a page opened for a version
# it does not have.
version-label = Version
version-fallback = This page is not available for { $requested }. It is shown for { $shown }.
# Between the versions (or pivots) a block is for: “Visual Studio 2019, Visual Studio 2022”.
list-separator = { ", " }
