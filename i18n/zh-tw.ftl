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
search-title = 搜尋
search-button = 搜尋
search-prompt = 輸入一個或多個字詞來搜尋本網站。
search-loading = 搜尋中…
search-results-one = 「{ $query }」的搜尋結果：{ $count } 筆
search-results-other = 「{ $query }」的搜尋結果：{ $count } 筆
search-no-results = 找不到「{ $query }」的相關結果。請試試其他字詞，或減少字詞。
search-more = 更多結果
search-sections = 章節
search-failed = 無法載入搜尋功能。
search-needs-script = 搜尋功能需要 JavaScript。
nav-more = 所有頁面…
nav-expand = 展開或收合下層頁面
other-pages = 其他頁面
home = 首頁
choose-language = 選擇語言
page-not-found = 找不到頁面
page-not-found-text = 這個網址沒有頁面。請選擇語言，前往該語言的首頁：
redirect-title = 此頁面已移動
redirect-text = 此頁面已移至
mt-notice = 本頁面為機器翻譯，可能含有錯誤。
generated-by = 由 rosetta 建置
stale-notice = 此翻譯依據 { $date } 的原文版本；原文此後已有變更（變更的章節：{ $count }）。
stale-source = 閱讀目前的原文
stale-section = 原文已變更
lang-stale = 已過時
lang-mt = 機器翻譯
