//! Traditional Chinese prose: word lists written for this generator, combined by sentence
//! templates. Compounds (noun + noun) widen the vocabulary a segmenter sees.

use super::{cjk, unique_words};
use crate::rng::Rng;

const NOUNS: &str = "裝置 手機 平板電腦 電腦 筆記型電腦 桌上型電腦 伺服器 應用程式 軟體 程式 服務 網站 \
入口網站 瀏覽器 帳戶 密碼 使用者名稱 電子郵件 郵件 信箱 訊息 通知 設定 選項 選單 按鈕 圖示 連結 畫面 \
視窗 索引標籤 頁面 清單 資料夾 檔案 文件 相片 圖片 影片 音訊 聯絡人 行事曆 工作 會議 資料 資訊 記錄 \
報告 狀態 版本 更新 修補程式 憑證 金鑰 權杖 原則 規則 限制 權限 存取權 安全性 隱私權 加密 防火牆 病毒 \
惡意程式碼 威脅 漏洞 風險 警告 錯誤 問題 原因 解決方法 步驟 程序 流程 指示 說明 支援 協助 技術人員 \
系統管理員 部門 公司 組織 學校 機構 團隊 成員 使用者 員工 客戶 廠商 供應商 網路 連線 無線網路 行動數據 \
藍牙 路由器 連接埠 位址 網域 主機 雲端 儲存空間 磁碟 記憶體 電池 充電器 纜線 螢幕 鍵盤 滑鼠 相機 麥克風 \
喇叭 耳機 感應器 指紋 臉部 識別碼 身分識別 驗證碼 安全碼 序號 型號 名稱 類別 群組 角色 區域 時區 語言 \
地區 日期 時間 期限 週期 頻率 次數 數量 大小 容量 速度 效能 品質 格式 範本 樣式 主題 背景 桌面 首頁 \
主畫面 鎖定畫面 控制台 工作列 狀態列 通知中心 商店 目錄 封裝 元件 模組 功能 特性 屬性 參數 數值 欄位 \
表單 表格 儲存格 標題 內容 摘要 附件 簽章 授權 合約 條款 條件 政策 要求 需求 目標 結果 報表 統計 分析 \
歷程 備份 副本 快照 映像 磁碟區 分割區 驅動程式 韌體 作業系統 核心 代理程式 用戶端 端點 介面 主控台 \
儀表板 面板 側邊欄 工具列 對話方塊 核取方塊 下拉式清單 文字方塊 捷徑 書籤 瀏覽記錄 快取 排程 工作階段 \
進度 階段 教學 課程 文章 指南 手冊 常見問題 回饋 意見 評論 問卷 邀請 申請 核准 帳單 訂用帳戶 方案 \
價格 付款 收據 發票 地址 電話號碼 分機 傳真 印表機 掃描器 投影機 會議室 辦公室 分公司 總部 宿舍 教室 \
實驗室 圖書館 餐廳 停車場 出入口 門禁卡 識別證 鑰匙 保險箱 抽屜 紙張 墨水 碳粉 插座 電源 開關 \
指示燈 燈號 聲音 音量 亮度 對比 解析度 字型 字元 符號 表情 貼圖 色彩 圖層 邊框 頁首 頁尾 段落 章節 \
附錄 索引 注意事項 提示 祕訣 範例 案例 情境 專案 任務 里程碑 截止日期 提醒 鬧鐘 計時器 碼錶 地圖 \
位置 路線 方向 距離 天氣 溫度 濕度 電量 訊號 頻寬 流量 延遲 封包 通訊協定 憑據 簽名 印章 \
 機場 車站 港口 醫院 診所 藥局 銀行 郵局 旅館 飯店 超市 市場 百貨公司 書店 咖啡廳 \
體育館 博物館 美術館 公園 廣場 街道 巷弄 橋梁 隧道 公路 鐵路 捷運 公車 計程車 腳踏車 機車 汽車 \
卡車 飛機 船隻 行李 護照 簽證 車票 機票 門票 座位 櫃台 窗口 大廳 走廊 樓梯 電梯 手扶梯 屋頂 \
牆壁 地板 天花板 窗戶 窗簾 冷氣 暖氣 風扇 燈泡 檯燈 家具 桌子 椅子 沙發 書架 衣櫃 床墊 枕頭 \
毛巾 牙刷 肥皂 洗衣機 冰箱 微波爐 烤箱 電鍋 水壺 杯子 盤子 筷子 湯匙 叉子 刀子 剪刀 膠帶 \
釘書機 迴紋針 信封 郵票 包裹 紙箱 貨物 庫存 訂單 出貨 退貨 保固 維修 零件 配件 耗材 電線 \
延長線 變壓器 插頭 遙控器 顯示器 觸控板 觸控筆 記憶卡 隨身碟 硬碟 光碟 主機板 處理器 顯示卡 \
網路卡 風扇 機殼 電源供應器 散熱器 基地台 衛星 天線 光纖 交換器 集線器 數據機 閘道 代理伺服器 \
虛擬機器 容器 叢集 節點 執行個體 資料庫 資料表 索引鍵 查詢 交易 日誌 事件 例外狀況 堆疊 執行緒 \
處理程序 服務帳戶 網域控制站 目錄服務 憑證授權單位 公開金鑰 私密金鑰 雜湊 演算法 簽發者 指紋辨識 \
虹膜 聲紋 手勢 密碼片語 安全問題 復原碼 備用電子郵件 行動電話 簡訊 語音通話 視訊通話 聊天室 \
頻道 貼文 留言 按讚 追蹤者 好友 社群 論壇 部落格 網頁 首頁連結 超連結 網址 標籤 關鍵字 \
搜尋結果 篩選條件 排序方式 分頁 頁碼 目錄結構 樹狀圖 圖表 長條圖 圓餅圖 折線圖 座標 圖例 軸線 \
公式 函數 變數 常數 陣列 字串 整數 布林值 物件 類別庫 套件 相依性 組建 發行版本 分支 合併要求 \
程式碼 原始碼 註解 文件說明 範例程式 測試案例 自動化 指令碼 命令列 終端機 環境變數 路徑 \
副檔名 檔名 壓縮檔 安裝程式 更新程式 啟動器 外掛程式 擴充功能 佈景主題 桌布 螢幕保護程式 \
輸入法 注音 倉頡 拼音 手寫 語音輸入 朗讀 字幕 翻譯 字典 拼字檢查 文法 標點 縮寫 全名 暱稱 \
生日 性別 職稱 部門代碼 員工編號 學號 班級 年級 學期 考試 成績 作業 報告書 論文 講義 投影片 \
白板 黑板 粉筆 麥克筆 筆記本 便利貼 日記 年曆 月曆 週報 月報 年報 預算 成本 費用 收入 支出 \
利潤 稅金 折扣 優惠 點數 會員 等級 資格 申請表 同意書 切結書 聲明 公告 新聞 消息 廣告 \
活動 促銷 抽獎 獎品 禮物 包裝 標籤紙 條碼 二維條碼 序列埠 熱點 漫遊 資費 額度 上限 下限 \
門檻 比例 百分比 平均值 總計 小計 差異 趨勢 預測 模型 樣本 資料集 來源 目的地 起點 終點 \
里程 油耗 車位 車牌 駕照 保險 理賠 合約書 收費標準 服務條款 隱私權聲明 使用條款 著作權 商標 \
專利 授權碼 啟用碼 產品金鑰 序號貼紙 包裝盒 說明書 快速入門 安全須知 保養 清潔 消毒 口罩 \
手套 急救箱 滅火器 逃生口 避難路線 警報器 監視器 攝影機 門鈴 對講機 門鎖 密碼鎖 智慧卡 \
感應卡 悠遊卡 信用卡 金融卡 帳號 戶名 分行 匯款 轉帳 餘額 明細 對帳單 繳費 帳期 逾期 \
滯納金 退款 折讓 發票號碼 統一編號 抬頭 收件人 寄件人 副本收件人 密件副本 主旨 內文 簽名檔 \
自動回覆 休假 請假 加班 出差 會議紀錄 議程 出席 缺席 遲到 早退 打卡 排班 輪班 值班 交接";

const VERBS: &str = "設定 選取 點選 開啟 關閉 安裝 解除安裝 更新 下載 上傳 啟用 停用 註冊 登入 \
登出 同步 備份 還原 刪除 移除 新增 加入 建立 編輯 修改 變更 檢查 確認 驗證 檢閱 查看 瀏覽 搜尋 尋找 \
選擇 輸入 複製 貼上 儲存 傳送 接收 分享 共用 匯入 匯出 列印 掃描 偵測 封鎖 解除鎖定 鎖定 重新啟動 \
重設 抹除 加密 解密 保護 管理 監視 追蹤 記錄 回報 通知 提醒 允許 拒絕 核准 要求 申請 連線 中斷 連接 \
配對 切換 移動 拖曳 捲動 展開 摺疊 排序 篩選 分組 標記 命名 重新命名 指派 限制 略過 忽略 套用 部署 \
散發 包含 排除 取代 連絡 等待 完成 開始 結束 繼續 取消 重試 嘗試 執行 處理 解決 修正 修復 診斷 分析 \
評估 比較 計算 測量 調整 自訂 最佳化 簡化 整合 遷移 轉移 轉換 顯示 隱藏 預覽 播放 暫停 停止 恢復 \
保留 清除 釋放 載入 重新整理 提交 傳回 回覆 轉寄 封存 彙總 檢視 讀取 寫入 喚醒 充電 提供 取得 使用 \
存取 擁有 收到 發現 了解 閱讀 記住 遺失 找回 保存 收集 傳輸 產生 建議 描述 定義 指定 識別 辨識 授權 \
簽署 發佈 訂閱 升級 降級 擴充 縮小 放大 旋轉 裁剪 啟動 觸發 延遲 規劃 安排 準備 測試 示範 說明 \
解釋 回答 詢問 聯繫 通報 登錄 開通 綁定 解除綁定 授予 撤銷 續約 付款 退回 補充 填寫 勾選 清空 \
匯報 標示 放置 附加 插入 合併 拆分 壓縮 解壓縮 還原成 重新安裝 重新連線 重新登入 \
 拜訪 參觀 參加 舉辦 主持 報名 登記 預約 預訂 訂購 購買 出售 租用 歸還 借用 交換 \
兌換 贈送 領取 寄送 郵寄 投遞 簽收 拆封 組裝 拆卸 更換 維護 保養 清潔 擦拭 收納 整理 歸檔 \
分類 編號 彙整 統整 摘錄 引用 翻譯 校對 審核 審查 批准 駁回 退件 補件 送出 撤回 修訂 \
改寫 重寫 覆寫 附註 標注 圈選 框選 點擊 雙擊 長按 輕觸 滑動 縮放 拖放 釘選 取消釘選 置頂 \
隱藏起來 封鎖聯絡人 靜音 取消靜音 震動 響鈴 撥打 接聽 掛斷 轉接 錄音 錄影 拍攝 截圖 \
剪輯 上色 繪製 設計 排版 預估 估算 統計 衡量 觀察 研究 調查 探索 實驗 驗收 交付 上線 下線 \
維運 擴展 縮減 分配 配置 佈建 回收 銷毀 淘汰 汰換 採購 盤點 清點 追加 扣除 抵扣 計費 \
收費 結算 核對 對帳 開立 作廢 補發 掛失 凍結 解凍 啟封 密封 隔離 檢疫 消毒 過濾 攔截 \
放行 阻擋 防止 避免 預防 因應 應對 處置 排除 克服 改善 提升 加強 強化 弱化 降低 減少 增加 \
擴大 延長 縮短 加速 減速 暫存 快取 串流 下載完成 廣播 推送 訂閱通知 取消通知 開關 切斷 \
復原成功 重新開始 重新命名檔案 登入失敗 認證 授信 委派 代理 代表 負責 協調 溝通 討論 \
說服 同意 反對 支持 贊成 接受 婉拒 答應 承諾 保證 擔保 確保 保障 維持 保持 堅持 放棄";

const ADJECTIVES: &str = "新的 舊的 最新的 目前的 預設的 必要的 選用的 重要的 安全的 可用的 有效的 \
無效的 正確的 完整的 快速的 簡單的 複雜的 常見的 特定的 其他的 相同的 不同的 個人的 公司的 企業的 \
行動的 無線的 本機的 遠端的 公用的 私人的 內部的 外部的 自動的 手動的 相容的 受管理的 已註冊的 \
已加密的 已鎖定的 暫時的 永久的 主要的 次要的 額外的 基本的 進階的 詳細的 簡短的 一般的 特殊的 \
敏感的 機密的 可疑的 惡意的 受信任的 穩定的 舊版的 免費的 線上的 離線的 全域的 每日的 每週的 \
每月的 大型的 小型的 共用的 專用的 唯一的 有限的 額定的 隱藏的 可見的 空白的 已滿的 過期的 待處理的 \
 方便的 容易的 困難的 昂貴的 便宜的 清楚的 模糊的 明亮的 昏暗的 安靜的 吵雜的 乾淨的 \
髒亂的 新穎的 傳統的 現代的 即時的 延遲的 同步的 非同步的 公開的 隱密的 完善的 簡易的 \
彈性的 固定的 動態的 靜態的 實體的 虛擬的 數位的 類比的 透明的 加密過的 壓縮過的 已驗證的 \
未驗證的 已過期的 已停用的 已啟用的 已封鎖的 已核准的 已拒絕的 已同步的 已備份的 已刪除的 \
相關的 無關的 適用的 不適用的 正式的 非正式的 臨時的 長期的 短期的 定期的 不定期的 高速的 \
低速的 高階的 入門的 專業的 業餘的 官方的 第三方的 開放原始碼的 商業的 教育的 政府的 醫療的";

const ADVERBS: &str = "立即 自動 手動 定期 隨時 稍後 通常 可能 必須 應該 已經 仍然 再次 首先 \
然後 接著 最後 同時 經常 偶爾 完全 部分 至少 也 都 還 正在 暫時 盡快 輕鬆 快速 直接 事先 另外 \
一併 逐一 分別 持續 主動 \
 順利 妥善 仔細 謹慎 確實 迅速 徹底 簡單地 清楚地 一次 多次 依序 隨後 事後 預先 按時 \
準時 及時 儘早 一律 統一 個別 全面 逐步 立刻 馬上";

const PRODUCTS: [&str; 15] = [
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
    "藍牙",
    "公司入口網站",
    "Contoso Mail",
    "Fabrikam Sync",
];

/// Spaces only next to Latin text (`在 Android 上`, `點選 **設定**`), never doubled, never
/// at the ends, never between two Chinese characters or next to full-width punctuation.
fn tidy(s: String) -> String {
    cjk::tidy(s, "，。：？、")
}

/// The Chinese vocabulary, split once.
pub struct Chinese {
    words: cjk::Words,
    verbs: Vec<&'static str>,
}

impl Chinese {
    pub fn new() -> Chinese {
        Chinese {
            words: cjk::Words::new(NOUNS, ADJECTIVES, ADVERBS, &PRODUCTS, '的'),
            verbs: unique_words(VERBS),
        }
    }

    fn n(&self, r: &mut Rng) -> &'static str {
        self.words.noun(r)
    }

    fn v(&self, r: &mut Rng) -> &'static str {
        r.choose(&self.verbs)
    }

    fn adv(&self, r: &mut Rng) -> &'static str {
        self.words.adverb(r)
    }

    /// A noun phrase: [adjective] [noun 的 | product] noun, sometimes a compound.
    fn np(&self, r: &mut Rng) -> String {
        self.words.np(r)
    }

    pub fn sentence(&self, r: &mut Rng) -> String {
        tidy(self.sentence_raw(r))
    }

    fn sentence_raw(&self, r: &mut Rng) -> String {
        match r.below(14) {
            0 => format!("請{}{}。", self.v(r), self.np(r)),
            1 => format!(
                "如果{}沒有{}{}，請{}{}。",
                self.np(r),
                self.v(r),
                self.np(r),
                self.v(r),
                self.np(r)
            ),
            2 => format!(
                "{}會{}{}，以便{}{}。",
                self.np(r),
                self.v(r),
                self.np(r),
                self.v(r),
                self.np(r)
            ),
            3 => format!(
                "若要{}{}，請在{}中{}{}。",
                self.v(r),
                self.np(r),
                self.np(r),
                self.v(r),
                self.np(r)
            ),
            4 => format!(
                "{}可能{}{}{}。",
                self.np(r),
                self.adv(r),
                self.v(r),
                self.np(r)
            ),
            5 => format!(
                "在{}{}之後，{}將{}{}。",
                self.v(r),
                self.np(r),
                self.np(r),
                self.v(r),
                self.np(r)
            ),
            6 => format!(
                "{}已{}，您可以{}{}。",
                self.np(r),
                self.v(r),
                self.v(r),
                self.np(r)
            ),
            7 => format!(
                "當{}{}{}時，{}{}{}{}。",
                self.np(r),
                self.v(r),
                self.np(r),
                self.np(r),
                self.adv(r),
                self.v(r),
                self.np(r)
            ),
            8 => format!("您可以{}{}{}。", self.adv(r), self.v(r), self.np(r)),
            9 => format!("{}與{}的{}非常重要。", self.np(r), self.np(r), self.n(r)),
            10 => format!(
                "為了{}{}，{}需要{}。",
                self.v(r),
                self.np(r),
                self.np(r),
                self.np(r)
            ),
            11 => format!(
                "系統管理員可能會要求您{}{}，或{}{}。",
                self.v(r),
                self.np(r),
                self.v(r),
                self.np(r)
            ),
            12 => format!(
                "{}不會{}您的{}，但可以{}{}。",
                self.np(r),
                self.v(r),
                self.np(r),
                self.v(r),
                self.np(r)
            ),
            _ => format!("{}之前，建議您先{}{}。", self.v(r), self.v(r), self.np(r)),
        }
    }

    pub fn heading(&self, r: &mut Rng) -> String {
        tidy(self.heading_raw(r))
    }

    fn heading_raw(&self, r: &mut Rng) -> String {
        match r.below(6) {
            0 | 1 => format!("{}{}", self.v(r), self.np(r)),
            2 => format!("如何{}{}", self.v(r), self.np(r)),
            3 => format!("{}{}時會發生什麼情況？", self.v(r), self.np(r)),
            4 => format!("{}的{}", self.np(r), self.n(r)),
            _ => format!("在 {} 上{}{}", r.pick(&PRODUCTS), self.v(r), self.np(r)),
        }
    }

    pub fn label(&self, r: &mut Rng) -> String {
        if r.chance(300) {
            format!("{}{}", self.v(r), self.n(r))
        } else {
            self.n(r).to_string()
        }
    }

    pub fn phrase(&self, r: &mut Rng) -> String {
        tidy(if r.chance(400) {
            format!("{}{}", self.v(r), self.np(r))
        } else {
            self.np(r)
        })
    }

    pub fn procedure_intro(&self, r: &mut Rng) -> String {
        tidy(format!("若要{}{}：", self.v(r), self.np(r)))
    }

    pub fn step(&self, r: &mut Rng) -> String {
        let label = self.label(r);
        tidy(match r.below(4) {
            0 => format!("在{}上，點選 **{label}**。", self.np(r)),
            1 => format!(
                "{} **{label}**，然後{}{}。",
                self.v(r),
                self.v(r),
                self.np(r)
            ),
            2 => format!("在 [{label}] 畫面上，{}{}。", self.v(r), self.np(r)),
            _ => format!("點選 **{label}** 以{}{}。", self.v(r), self.np(r)),
        })
    }

    pub fn with_link(&self, r: &mut Rng, link: &str) -> String {
        tidy(match r.below(4) {
            0 => format!("如需詳細資訊，請參閱{link}。"),
            1 => format!("若要{}{}，請參閱{link}。", self.v(r), self.np(r)),
            2 => format!("您可以在{link}中{}{}。", self.v(r), self.np(r)),
            _ => format!("{link}說明如何{}{}。", self.v(r), self.np(r)),
        })
    }

    pub fn code_sentence(&self, r: &mut Rng, code: &str) -> String {
        tidy(match r.below(3) {
            0 => format!("在{}中輸入 `{code}`。", self.np(r)),
            1 => format!("{} `{code}` 以{}{}。", self.v(r), self.v(r), self.np(r)),
            _ => format!("`{code}` 值會{}{}。", self.v(r), self.np(r)),
        })
    }

    pub fn table_headers(&self) -> [&'static str; 3] {
        ["選項", "描述", "預設值"]
    }
}
