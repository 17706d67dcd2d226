# rosetta 介面字串：繁體中文（台灣）。

language-name = 繁體中文

alert-note = 附註
alert-tip = 提示
alert-important = 重要
alert-caution = 注意
alert-warning = 警告
