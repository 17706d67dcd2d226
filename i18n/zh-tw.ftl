# rosetta 介面字串：繁體中文（台灣）。

language-name = 繁體中文

alert-note = 附註
alert-tip = 提示
alert-important = 重要
alert-caution = 注意
alert-warning = 警告

skip-to-content = 跳至主要內容
menu = 選單
site-nav = 目錄
on-this-page = 本頁內容
language = 語言
lang-unavailable = 尚未翻譯
search-placeholder = 搜尋
search-label = 搜尋本網站
nav-more = 所有頁面…
nav-expand = 展開或收合下層頁面
other-pages = 其他頁面
home = 首頁
choose-language = 選擇語言
page-not-found = 找不到頁面
page-not-found-text = 這個網址沒有頁面。請選擇語言，前往該語言的首頁：
generated-by = 由 rosetta 建置
