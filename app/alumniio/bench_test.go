package alumniio

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/internal/cputime"
)

// benchCSV is a realistic Shift_JIS leaver list of n rows as Excel saves it.
func benchCSV(tb testing.TB, n int) []byte {
	tb.Helper()
	family := []struct{ kanji, kana, roma string }{
		{"佐藤", "ｻﾄｳ", "sato"}, {"鈴木", "ｽｽﾞｷ", "suzuki"}, {"髙橋", "ﾀｶﾊｼ", "takahashi"}, {"田中", "ﾀﾅｶ", "tanaka"},
		{"伊藤", "ｲﾄｳ", "ito"}, {"渡辺", "ﾜﾀﾅﾍﾞ", "watanabe"}, {"山本", "ﾔﾏﾓﾄ", "yamamoto"}, {"中村", "ﾅｶﾑﾗ", "nakamura"},
		{"小林", "ｺﾊﾞﾔｼ", "kobayashi"}, {"加藤", "ｶﾄｳ", "kato"}, {"吉田", "ﾖｼﾀﾞ", "yoshida"}, {"山田", "ﾔﾏﾀﾞ", "yamada"},
	}
	given := []struct{ kanji, kana, roma string }{
		{"太郎", "タロウ", "taro"}, {"花子", "ハナコ", "hanako"}, {"一郎", "イチロウ", "ichiro"}, {"美咲", "ミサキ", "misaki"},
		{"健太", "ケンタ", "kenta"}, {"陽菜", "ヒナ", "hina"}, {"翔", "ショウ", "sho"}, {"結衣", "ユイ", "yui"}, {"大輔", "ダイスケ", "daisuke"},
	}
	departments := []string{"営業本部 第一営業部", "開発部", "人事部", "経理財務部", "マーケティング部", "情報システム部", "製造部 品質管理課", "ｶｽﾀﾏｰｻﾎﾟｰﾄ部"}
	positions := []string{"", "主任", "係長", "課長", "部長", "ﾏﾈｰｼﾞｬｰ"}
	rehire := []string{"可", "条件付き", "不可", "不明", ""}
	var b strings.Builder
	b.WriteString("社員番号,氏名,フリガナ,メールアドレス,部署,役職,入社日,退職日,退職理由,再雇用可否,現在の勤務先,業界,職種,スキル,タグ,備考\r\n")
	for i := range n {
		f, g := family[i%len(family)], given[i/len(family)%len(given)]
		join := 1990 + i%30
		joinDate := fmt.Sprintf("%d/%d/1", join, 4+i%6)
		if i%7 == 0 {
			joinDate = fmt.Sprintf("平成%d年4月1日", join-1988+i%3)
		}
		fmt.Fprintf(&b, "%06d,%s　%s,%s %s,%s.%s.%d@example.co.jp,%s,%s,%s,%d/%d/%d,%s,%s,%s,%s,%s,%s,%s,%s\r\n",
			100000+i, f.kanji, g.kanji, f.kana, g.kana, g.roma, f.roma, i, departments[i%len(departments)],
			positions[i%len(positions)], joinDate, join+5+i%10, 1+i%12, 1+i%28,
			[]string{"転職", "家庭の事情", "キャリアアップ", ""}[i%4], rehire[i%len(rehire)],
			[]string{"", "株式会社ミライ", "㈱サンプル商事", "フリーランス"}[i%4],
			[]string{"IT", "製造", "金融", "小売"}[i%4], []string{"営業", "エンジニア", "企画", "事務"}[i%4],
			[]string{"Go、SQL", "Excel／簿記", "", "英語;中国語"}[i%4], []string{"", "OB会", "2015年入社、関西"}[i%3],
			[]string{"", "", "①面談済み～再連絡予定"}[i%3])
	}
	return []byte(sjis(tb, b.String()))
}

const benchRows = 100_000

func benchImport(b *testing.B, opt Options) {
	data := benchCSV(b, benchRows)
	b.SetBytes(int64(len(data)))
	var elapsed, cpu, parse time.Duration
	for b.Loop() {
		b.StopTimer()
		e := newEnv(b)
		b.StartTimer()
		start, startCPU := time.Now(), cputime.Process()
		parsed := time.Duration(0)
		rep, err := e.im.Import(context.Background(), bytes.NewReader(data), "退職者一覧.csv", opt, func(p Progress) {
			if p.Phase == PhaseParse {
				parsed = time.Since(start) // the last parse report ends the phase
			}
		})
		elapsed, cpu, parse = elapsed+time.Since(start), cpu+cputime.Process()-startCPU, parse+parsed
		if err != nil {
			b.Fatal(err)
		}
		if rep.ValidRows != benchRows || rep.Encoding != EncodingSJIS || rep.Written == opt.DryRun {
			b.Fatalf("report %+v", rep)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/elapsed.Seconds(), "rows/s")
	// CPU time per row says how the import would fare on an idle machine
	// when others share this one.
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(benchRows*b.N), "cpu-ns/row")
	// Wall time per row reading, decoding, normalising and validating; the
	// rest of ns/op is the write (alumni.Repo.Upsert).
	b.ReportMetric(float64(parse.Nanoseconds())/float64(benchRows*b.N), "parse-ns/row")
}

// BenchmarkImportShiftJIS100k imports 100,000 Shift_JIS rows end to end
// (decode, parse, validate, write) into a fresh database.
func BenchmarkImportShiftJIS100k(b *testing.B) {
	benchImport(b, Options{CompanyID: 1})
}

// BenchmarkImportShiftJIS100kDryRun is the same without the write.
func BenchmarkImportShiftJIS100kDryRun(b *testing.B) {
	benchImport(b, Options{CompanyID: 1, DryRun: true, PreviewLimit: -1})
}
