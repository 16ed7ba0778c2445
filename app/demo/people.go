package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

type kanaName struct{ kanji, kana, romaji string }

var familyNames = []kanaName{
	{"佐藤", "サトウ", "sato"}, {"鈴木", "スズキ", "suzuki"}, {"髙橋", "タカハシ", "takahashi"}, {"田中", "タナカ", "tanaka"},
	{"伊藤", "イトウ", "ito"}, {"渡辺", "ワタナベ", "watanabe"}, {"山本", "ヤマモト", "yamamoto"}, {"中村", "ナカムラ", "nakamura"},
	{"小林", "コバヤシ", "kobayashi"}, {"加藤", "カトウ", "kato"}, {"吉田", "ヨシダ", "yoshida"}, {"山田", "ヤマダ", "yamada"},
	{"佐々木", "ササキ", "sasaki"}, {"山口", "ヤマグチ", "yamaguchi"}, {"松本", "マツモト", "matsumoto"}, {"井上", "イノウエ", "inoue"},
	{"木村", "キムラ", "kimura"}, {"林", "ハヤシ", "hayashi"}, {"斎藤", "サイトウ", "saito"}, {"清水", "シミズ", "shimizu"},
	{"山崎", "ヤマザキ", "yamazaki"}, {"森", "モリ", "mori"}, {"池田", "イケダ", "ikeda"}, {"橋本", "ハシモト", "hashimoto"},
	{"阿部", "アベ", "abe"}, {"石川", "イシカワ", "ishikawa"}, {"前田", "マエダ", "maeda"}, {"藤田", "フジタ", "fujita"},
	{"岡田", "オカダ", "okada"}, {"後藤", "ゴトウ", "goto"}, {"長谷川", "ハセガワ", "hasegawa"}, {"村上", "ムラカミ", "murakami"},
	{"近藤", "コンドウ", "kondo"}, {"石井", "イシイ", "ishii"}, {"坂本", "サカモト", "sakamoto"}, {"遠藤", "エンドウ", "endo"},
	{"青木", "アオキ", "aoki"}, {"藤井", "フジイ", "fujii"}, {"西村", "ニシムラ", "nishimura"}, {"福田", "フクダ", "fukuda"},
	{"太田", "オオタ", "ota"}, {"三浦", "ミウラ", "miura"}, {"藤原", "フジワラ", "fujiwara"}, {"岡本", "オカモト", "okamoto"},
	{"松田", "マツダ", "matsuda"}, {"中川", "ナカガワ", "nakagawa"}, {"中野", "ナカノ", "nakano"}, {"原田", "ハラダ", "harada"},
	{"小野", "オノ", "ono"}, {"﨑山", "サキヤマ", "sakiyama"},
}

var givenNames = []kanaName{
	{"太郎", "タロウ", "taro"}, {"花子", "ハナコ", "hanako"}, {"健二", "ケンジ", "kenji"}, {"優希", "ユウキ", "yuki"},
	{"さくら", "サクラ", "sakura"}, {"浩", "ヒロシ", "hiroshi"}, {"麻衣", "マイ", "mai"}, {"大輔", "ダイスケ", "daisuke"},
	{"彩花", "アヤカ", "ayaka"}, {"翔太", "ショウタ", "shota"}, {"美咲", "ミサキ", "misaki"}, {"直樹", "ナオキ", "naoki"},
	{"陽菜", "ヒナ", "hina"}, {"拓也", "タクヤ", "takuya"}, {"恵", "メグミ", "megumi"}, {"誠", "マコト", "makoto"},
	{"由美", "ユミ", "yumi"}, {"亮", "リョウ", "ryo"}, {"千尋", "チヒロ", "chihiro"}, {"修", "オサム", "osamu"},
	{"裕子", "ユウコ", "yuko"}, {"隆", "タカシ", "takashi"}, {"真由美", "マユミ", "mayumi"}, {"学", "マナブ", "manabu"},
	{"綾", "アヤ", "aya"}, {"健太", "ケンタ", "kenta"}, {"智子", "トモコ", "tomoko"}, {"蓮", "レン", "ren"},
	{"結衣", "ユイ", "yui"}, {"悠斗", "ユウト", "yuto"},
}

var departments = []string{"営業部", "人事部", "経理部", "開発部", "マーケティング部", "総務部", "法務部", "製造部", "品質保証部", "経営企画部", "カスタマーサクセス部", "情報システム部"}
var positions = []string{"", "", "", "主任", "係長", "課長", "部長", "リーダー", "マネージャー"}
var industries = []string{"IT・通信", "製造", "金融", "コンサルティング", "人材サービス", "小売", "医療・福祉", "教育", "官公庁・団体", "不動産", "物流", "広告・メディア"}
var jobTypes = []string{"営業", "エンジニア", "人事", "経理・財務", "マーケティング", "企画", "デザイナー", "コンサルタント", "カスタマーサポート", "管理職", "研究開発", "生産管理"}
var skills = []string{"法人営業", "Go", "Java", "Python", "SQL", "会計", "採用", "労務", "プロジェクト管理", "デザイン", "財務分析", "英語", "中国語", "データ分析", "品質管理", "生産技術", "広報", "法務"}
var interests = []string{"会社のニュース", "アルムナイ交流", "業務委託", "副業", "メンター", "再雇用", "カジュアル面談"}
var tags = []string{"再雇用候補", "業務委託実績あり", "メンター候補", "イベント参加", "幹部OB・OG", "新卒入社", "中途入社"}
var employers = []string{"株式会社ミライテック", "グローバル商事株式会社", "さくら銀行", "㈱アオバ製作所", "フリーランス", "ヒカリ通信株式会社", "合同会社ノースウッド", "東都大学", "株式会社リンクス", "起業（自営）"}
var leaveReasons = []string{"キャリアアップのため転職", "家族の転勤", "独立・起業", "大学院進学", "介護のため", "配偶者の海外赴任", "育児との両立", "別業界への挑戦"}
var eligibility = []string{alumni.RehireEligible, alumni.RehireEligible, alumni.RehireConditional, alumni.RehireUnknown, alumni.RehireIneligible}

// Alumni returns n reproducible alumni spread over the given company ids
// (employee numbers are unique per company). seed picks the variant.
func Alumni(n int, companyIDs []int64, seed uint64) []*alumni.Alumnus {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]*alumni.Alumnus, n)
	for i := range out {
		out[i] = person(r, i, companyIDs[i%len(companyIDs)])
	}
	return out
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func pickSome(r *rand.Rand, list []string, max int) []string {
	n := r.IntN(max + 1)
	var out []string
	for _, i := range r.Perm(len(list))[:n] {
		out = append(out, list[i])
	}
	return out
}

func person(r *rand.Rand, i int, company int64) *alumni.Alumnus {
	fam, giv := pick(r, familyNames), pick(r, givenNames)
	joinYear := 1990 + r.IntN(34)
	joinMonth := 4
	if r.IntN(3) == 0 {
		joinMonth = 1 + r.IntN(12)
	}
	stay := 1 + r.IntN(min(15, 2025-joinYear))
	leaveYear := min(joinYear+stay, 2025)
	a := &alumni.Alumnus{
		CompanyID:         company,
		EmployeeNumber:    fmt.Sprintf("%c%06d", 'A'+rune(company-1)%26, 100000+i),
		Name:              fam.kanji + " " + giv.kanji,
		NameReading:       fam.kana + " " + giv.kana,
		Email:             fmt.Sprintf("%s.%s%d@example.jp", giv.romaji, fam.romaji, i),
		Department:        pick(r, departments),
		Position:          pick(r, positions),
		JoinDate:          fmt.Sprintf("%04d-%02d-01", joinYear, joinMonth),
		LeaveDate:         fmt.Sprintf("%04d-%02d-%02d", leaveYear, 1+r.IntN(12), 1+r.IntN(28)),
		LeaveReason:       pick(r, leaveReasons),
		RehireEligibility: pick(r, eligibility),
		CurrentEmployer:   pick(r, employers),
		Industry:          pick(r, industries),
		JobType:           pick(r, jobTypes),
		Skills:            pickSome(r, skills, 3),
		Interests:         pickSome(r, interests, 3),
		Tags:              pickSome(r, tags, 2),
	}
	if r.IntN(3) == 0 {
		m := pick(r, familyNames)
		a.FormerManager = m.kanji + " " + pick(r, givenNames).kanji
	}
	return a
}
