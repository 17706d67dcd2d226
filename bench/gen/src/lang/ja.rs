//! Japanese prose: word lists written for this generator, combined by sentence templates
//! with the particles and polite verb forms of help articles. Nouns combine into compounds
//! (デバイス設定), and verbs come in several forms (します, して, する, しない, された), so
//! that a segmenter sees a realistic vocabulary.

use super::{cjk, unique_words};
use crate::rng::Rng;

const NOUNS: &str = "デバイス 端末 スマートフォン タブレット パソコン ノートパソコン サーバー \
アプリ アプリケーション ソフトウェア プログラム サービス サイト ポータル ブラウザー アカウント \
パスワード ユーザー名 メール メールアドレス 受信トレイ メッセージ 通知 設定 オプション メニュー \
ボタン アイコン リンク 画面 ウィンドウ タブ ページ 一覧 フォルダー ファイル 文書 写真 画像 動画 \
音声 連絡先 予定表 会議 資料 情報 記録 報告書 状態 バージョン 更新 修正プログラム 証明書 鍵 \
トークン ポリシー 規則 制限 権限 アクセス権 セキュリティ プライバシー 暗号化 ファイアウォール \
ウイルス マルウェア 脅威 脆弱性 危険 警告 エラー 問題 原因 解決策 手順 流れ 指示 説明 サポート \
技術者 管理者 部署 会社 組織 学校 団体 チーム メンバー 利用者 社員 顧客 業者 取引先 ネットワーク \
接続 無線 モバイルデータ 経路 ポート 住所 ドメイン ホスト クラウド 記憶域 ディスク メモリ 電池 \
充電器 ケーブル 表示 キーボード マウス カメラ マイク スピーカー イヤホン センサー 指紋 顔 識別子 \
本人確認 確認コード 暗証番号 製品番号 型番 名前 種類 グループ 役割 地域 時間帯 言語 日付 時刻 \
期限 周期 頻度 回数 数量 容量 速度 性能 品質 形式 テンプレート 書式 テーマ 背景 デスクトップ \
ホーム画面 ロック画面 コントロールパネル タスクバー 通知領域 ストア カタログ パッケージ 部品 \
機能 特性 属性 引数 値 項目 入力欄 表 列 行 見出し 内容 概要 添付ファイル 署名 ライセンス 契約 \
条件 方針 要件 目標 結果 統計 分析 履歴 バックアップ 複製 スナップショット 仮想マシン 区画 \
ドライバー ファームウェア オペレーティングシステム エージェント クライアント エンドポイント \
インターフェイス コンソール ダッシュボード パネル サイドバー ツールバー ダイアログ チェックボックス \
ドロップダウン テキストボックス ショートカット ブックマーク 閲覧履歴 キャッシュ 予定 セッション \
進捗 段階 講座 記事 ガイド 手引き よくある質問 フィードバック 意見 評価 アンケート 招待 申請 \
承認 請求書 定期購入 プラン 価格 支払い 領収書 電話番号 内線 印刷機 スキャナー 会議室 事務所 \
支店 本社 研究室 図書館 食堂 駐車場 入口 出口 社員証 金庫 引き出し 用紙 電源 スイッチ 表示灯 \
音量 明るさ 解像度 文字 記号 色 枠 段落 付録 索引 注意事項 ヒント 例 事例 場面 案件 作業 \
締め切り 通知音 地図 位置 方向 距離 天気 温度 信号 帯域幅 通信量 遅延 プロトコル 資格情報 \
データベース テーブル 照会 取引 ログ イベント 例外 スレッド プロセス 演算 変数 定数 配列 文字列 \
オブジェクト ライブラリ 依存関係 ビルド リリース ブランチ ソースコード コメント テスト 自動化 \
スクリプト コマンド 端末画面 環境変数 パス 拡張子 ファイル名 圧縮ファイル インストーラー \
拡張機能 壁紙 入力方式 音声入力 読み上げ 字幕 翻訳 辞書 文法 句読点 略語 氏名 生年月日 職位 \
社員番号 学籍番号 学期 試験 成績 課題 論文 配布資料 スライド 白板 付箋 日報 月報 予算 費用 \
収入 支出 利益 税金 割引 特典 会員 等級 資格 申込書 同意書 声明 お知らせ 広告 催し 景品 包装 \
バーコード 二次元コード 上限 下限 比率 平均 合計 差分 傾向 予測 模型 標本 データセット 出典 \
宛先 送信者 件名 本文 自動応答 休暇 出張 議事録 議題 出席 当番 引き継ぎ";

/// Verbs made of a noun and する: 設定する, 設定します, 設定して…
const SURU: &str = "設定 選択 起動 終了 導入 削除 更新 登録 解除 同期 復元 保存 送信 受信 共有 \
印刷 検索 確認 表示 変更 編集 作成 追加 移動 複製 転送 接続 切断 再起動 初期化 暗号化 管理 \
監視 追跡 報告 許可 拒否 承認 申請 適用 展開 配布 除外 置換 連絡 完了 開始 中止 再試行 実行 \
処理 解決 修正 修復 診断 分析 評価 比較 計算 測定 調整 最適化 統合 移行 変換 再生 停止 再開 \
保持 消去 読み込み 書き込み 提出 返信 記録 要約 閲覧 取得 使用 発見 理解 収集 生成 提案 説明 \
定義 指定 識別 認証 署名 発行 購読 拡張 縮小 拡大 回転 準備 試験 点検 案内 入力 出力 更新確認 \
有効化 無効化 自動化 可視化 整理 分類 翻訳 校正 審査 送付 回収 交換 返却 予約 注文 購入 支払";

/// Native verbs: dictionary form, -masu stem, -te form, negative stem, passive stem.
const VERBS: &str = "開く:開き:開いて:開か:開かれ 閉じる:閉じ:閉じて:閉じ:閉じられ \
押す:押し:押して:押さ:押され 選ぶ:選び:選んで:選ば:選ばれ 使う:使い:使って:使わ:使われ \
送る:送り:送って:送ら:送られ 受け取る:受け取り:受け取って:受け取ら:受け取られ \
消す:消し:消して:消さ:消され 入れる:入れ:入れて:入れ:入れられ 止める:止め:止めて:止め:止められ \
始める:始め:始めて:始め:始められ 待つ:待ち:待って:待た:待たれ 探す:探し:探して:探さ:探され \
見る:見:見て:見:見られ 読む:読み:読んで:読ま:読まれ 書く:書き:書いて:書か:書かれ \
開ける:開け:開けて:開け:開けられ 付ける:付け:付けて:付け:付けられ 外す:外し:外して:外さ:外され \
切り替える:切り替え:切り替えて:切り替え:切り替えられ 戻す:戻し:戻して:戻さ:戻され \
貼り付ける:貼り付け:貼り付けて:貼り付け:貼り付けられ 引き継ぐ:引き継ぎ:引き継いで:引き継が:引き継がれ \
並べる:並べ:並べて:並べ:並べられ 調べる:調べ:調べて:調べ:調べられ 守る:守り:守って:守ら:守られ \
預ける:預け:預けて:預け:預けられ 届ける:届け:届けて:届け:届けられ 残す:残し:残して:残さ:残され \
移す:移し:移して:移さ:移され 増やす:増やし:増やして:増やさ:増やされ 減らす:減らし:減らして:減らさ:減らされ \
隠す:隠し:隠して:隠さ:隠され 表す:表し:表して:表さ:表され 組み込む:組み込み:組み込んで:組み込ま:組み込まれ \
取り込む:取り込み:取り込んで:取り込ま:取り込まれ 書き出す:書き出し:書き出して:書き出さ:書き出され";

const ADJECTIVES: &str = "新しい 古い 最新の 現在の 既定の 必要な 任意の 重要な 安全な 利用可能な \
有効な 無効な 正しい 完全な 速い 簡単な 複雑な 一般的な 特定の 他の 同じ 異なる 個人の 会社の \
企業の 無線の ローカルの リモートの 公開の 非公開の 内部の 外部の 自動の 手動の 互換性のある \
管理対象の 登録済みの 暗号化された 一時的な 永続的な 主な 追加の 基本的な 高度な 詳細な 短い \
長い 特別な 機密の 不審な 信頼できる 安定した 無料の オンラインの オフラインの 毎日の 毎週の \
毎月の 大きな 小さな 共有の 専用の 固有の 限られた 空の 期限切れの 保留中の 便利な 難しい \
明るい 暗い 静かな 透明な 物理的な 仮想の デジタルの 動的な 静的な 正式な 臨時の 長期の 短期の \
定期的な 公式の 商用の 教育用の";

const ADVERBS: &str = "すぐに 自動的に 手動で 定期的に いつでも 後で 通常 必ず もう一度 まず \
次に 最後に 同時に よく 時々 完全に 一部 少なくとも 引き続き 一時的に できるだけ早く 簡単に \
直接 事前に 別に 一括で 順番に 個別に 継続して 確実に 慎重に 正しく 素早く";

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
    "Bluetooth",
    "ポータルサイト",
    "Contoso Mail",
    "Fabrikam Sync",
];

/// A verb in the forms the templates use.
struct Verb {
    /// する form: 設定する, 開く.
    plain: String,
    /// 設定します, 開きます.
    polite: String,
    /// 設定して, 開いて.
    te: String,
    /// 設定しない, 開かない.
    negative: String,
    /// 設定された, 開かれた.
    passive: String,
    /// 設定できます, 開けます (approximated for native verbs as 開くことができます).
    potential: String,
}

fn suru(noun: &str) -> Verb {
    Verb {
        plain: format!("{noun}する"),
        polite: format!("{noun}します"),
        te: format!("{noun}して"),
        negative: format!("{noun}しない"),
        passive: format!("{noun}された"),
        potential: format!("{noun}できます"),
    }
}

fn native(spec: &str) -> Option<Verb> {
    let mut parts = spec.split(':');
    let (plain, stem, te, neg, passive) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    Some(Verb {
        plain: plain.to_string(),
        polite: format!("{stem}ます"),
        te: te.to_string(),
        negative: format!("{neg}ない"),
        passive: format!("{passive}た"),
        potential: format!("{plain}ことができます"),
    })
}

/// Spaces only around Latin text, as Japanese help articles write product names; never
/// doubled, never at the ends, never next to Japanese punctuation.
fn tidy(s: String) -> String {
    cjk::tidy(s, "、。：？")
}

/// The Japanese vocabulary, built once.
pub struct Japanese {
    words: cjk::Words,
    verbs: Vec<Verb>,
}

impl Japanese {
    pub fn new() -> Japanese {
        let mut verbs: Vec<Verb> = unique_words(SURU).into_iter().map(suru).collect();
        verbs.extend(VERBS.split_whitespace().filter_map(native));
        Japanese {
            words: cjk::Words::new(NOUNS, ADJECTIVES, ADVERBS, &PRODUCTS, 'の'),
            verbs,
        }
    }

    fn n(&self, r: &mut Rng) -> &'static str {
        self.words.noun(r)
    }

    fn v(&self, r: &mut Rng) -> &Verb {
        r.pick(&self.verbs)
    }

    fn adv(&self, r: &mut Rng) -> &'static str {
        self.words.adverb(r)
    }

    /// A noun phrase: [adjective] [noun の | product] noun, sometimes a compound.
    fn np(&self, r: &mut Rng) -> String {
        self.words.np(r)
    }

    pub fn sentence(&self, r: &mut Rng) -> String {
        tidy(self.sentence_raw(r))
    }

    fn sentence_raw(&self, r: &mut Rng) -> String {
        match r.below(14) {
            0 => format!("{}を{}。", self.np(r), self.v(r).polite),
            1 => format!(
                "{}が{}場合は、{}を{}ください。",
                self.np(r),
                self.v(r).passive,
                self.np(r),
                self.v(r).te
            ),
            2 => format!(
                "{}は{}を{}ため、{}を{}。",
                self.np(r),
                self.np(r),
                self.v(r).plain,
                self.np(r),
                self.v(r).polite
            ),
            3 => format!(
                "{}を{}には、{}で{}を{}ください。",
                self.np(r),
                self.v(r).plain,
                self.np(r),
                self.np(r),
                self.v(r).te
            ),
            4 => format!(
                "{}は{}{}を{}ことがあります。",
                self.np(r),
                self.adv(r),
                self.np(r),
                self.v(r).plain
            ),
            5 => format!(
                "{}を{}後、{}が{}。",
                self.np(r),
                self.v(r).te.trim_end_matches(['て', 'で']),
                self.np(r),
                self.v(r).polite
            ),
            6 => format!(
                "{}が{}と、{}を{}。",
                self.np(r),
                self.v(r).passive.trim_end_matches('た'),
                self.np(r),
                self.v(r).potential
            ),
            7 => format!(
                "{}で{}を{}と、{}が{}{}。",
                self.np(r),
                self.np(r),
                self.v(r).plain,
                self.np(r),
                self.adv(r),
                self.v(r).polite
            ),
            8 => format!("{}を{}{}。", self.np(r), self.adv(r), self.v(r).potential),
            9 => format!("{}と{}の{}は重要です。", self.np(r), self.np(r), self.n(r)),
            10 => format!(
                "{}を{}には、{}が必要です。",
                self.np(r),
                self.v(r).plain,
                self.np(r)
            ),
            11 => format!(
                "管理者から{}を{}か、{}を{}ように求められる場合があります。",
                self.np(r),
                self.v(r).plain,
                self.np(r),
                self.v(r).plain
            ),
            12 => format!(
                "{}は{}を{}が、{}は{}。",
                self.np(r),
                self.np(r),
                self.v(r).negative,
                self.np(r),
                self.v(r).potential
            ),
            _ => format!(
                "{}を{}前に、{}を{}ことをお勧めします。",
                self.np(r),
                self.v(r).plain,
                self.np(r),
                self.v(r).plain
            ),
        }
    }

    pub fn heading(&self, r: &mut Rng) -> String {
        tidy(match r.below(6) {
            0 | 1 => format!("{}を{}", self.np(r), self.v(r).plain),
            2 => format!("{}を{}方法", self.np(r), self.v(r).plain),
            3 => format!(
                "{}が{}とどうなりますか？",
                self.np(r),
                self.v(r).passive.trim_end_matches('た')
            ),
            4 => format!("{}の{}", self.np(r), self.n(r)),
            _ => format!(
                "{} で{}を{}",
                r.pick(&PRODUCTS),
                self.np(r),
                self.v(r).plain
            ),
        })
    }

    pub fn label(&self, r: &mut Rng) -> String {
        if r.chance(300) {
            format!("{}の{}", self.n(r), self.n(r))
        } else {
            self.n(r).to_string()
        }
    }

    pub fn phrase(&self, r: &mut Rng) -> String {
        tidy(if r.chance(400) {
            format!("{}を{}", self.np(r), self.v(r).plain)
        } else {
            self.np(r)
        })
    }

    pub fn procedure_intro(&self, r: &mut Rng) -> String {
        tidy(format!("{}を{}には:", self.np(r), self.v(r).plain))
    }

    pub fn step(&self, r: &mut Rng) -> String {
        let label = self.label(r);
        tidy(match r.below(4) {
            0 => format!("{}で、**{label}** を選択します。", self.np(r)),
            1 => format!(
                "**{label}** を{}、{}を{}。",
                self.v(r).te,
                self.np(r),
                self.v(r).polite
            ),
            2 => format!("[{label}] 画面で、{}を{}。", self.np(r), self.v(r).polite),
            _ => format!(
                "**{label}** をタップして、{}を{}。",
                self.np(r),
                self.v(r).polite
            ),
        })
    }

    pub fn with_link(&self, r: &mut Rng, link: &str) -> String {
        tidy(match r.below(4) {
            0 => format!("詳しくは、{link}を参照してください。"),
            1 => format!(
                "{}を{}には、{link}を参照してください。",
                self.np(r),
                self.v(r).plain
            ),
            2 => format!("{link}で{}を{}。", self.np(r), self.v(r).potential),
            _ => format!(
                "{link}では、{}を{}方法を説明しています。",
                self.np(r),
                self.v(r).plain
            ),
        })
    }

    pub fn code_sentence(&self, r: &mut Rng, code: &str) -> String {
        tidy(match r.below(3) {
            0 => format!("{}に `{code}` と入力します。", self.np(r)),
            1 => format!(
                "`{code}` を{}、{}を{}。",
                self.v(r).te,
                self.np(r),
                self.v(r).polite
            ),
            _ => format!(
                "`{code}` の値によって{}が{}。",
                self.np(r),
                self.v(r).polite
            ),
        })
    }

    pub fn table_headers(&self) -> [&'static str; 3] {
        ["オプション", "説明", "既定値"]
    }
}
