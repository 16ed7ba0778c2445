package textnorm

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"},
		{"ＡＢＣ１２３", "ABC123"},
		{"  山田　　太郎 ", "山田 太郎"},
		{"髙橋 ㈱ ①", "髙橋 ㈱ ①"},
		{"ﾊﾟｿｺﾝ", "パソコン"},
		{"", ""},
		{" 山田", "山田"},
		{"山田 ", "山田"},
		{"山田\t太郎", "山田 太郎"},
		{"山田\u3000太郎", "山田 太郎"},
		{"ｶﾞ", "ガ"},
		{"カ\u3099", "ガ"},
		{"already clean 髙橋", "already clean 髙橋"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldMakesKanaVariantsEqual(t *testing.T) {
	groups := [][]string{
		{"やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "や ま だ"},
		{"go", "GO", "Ｇｏ"},
		{"えいぎょう", "エイギョウ", "ｴｲｷﾞｮｳ"},
	}
	for _, g := range groups {
		want := Fold(g[0])
		for _, s := range g[1:] {
			if got := Fold(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q (as Fold(%q))", s, got, want, g[0])
			}
		}
	}
	if Fold("山田") == Fold("山本") {
		t.Error("different names folded equal")
	}
}

func TestKanaScripts(t *testing.T) {
	if got := ToKatakana("やまだ たろう"); got != "ヤマダ タロウ" {
		t.Errorf("ToKatakana = %q", got)
	}
	if got := ToHiragana("ヤマダ"); got != "やまだ" {
		t.Errorf("ToHiragana = %q", got)
	}
}

// TestNFCStable checks every character nfcStable accepts: in NFC, and never
// composing with or reordering around the character before it.
func TestNFCStable(t *testing.T) {
	n := 0
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if !nfcStable(r) {
			continue
		}
		n++
		p := norm.NFC.PropertiesString(string(r))
		if !norm.NFC.IsNormalString(string(r)) || !p.BoundaryBefore() || p.CCC() != 0 {
			t.Errorf("U+%04X %q is not NFC-stable", r, r)
		}
	}
	if n < 20000 {
		t.Errorf("only %d stable characters", n)
	}
}

func TestIsClean(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"山田 太郎", true},
		{"ヤマダ タロウ", true},
		{"㈱サンプル商事 ①面談済み〜再連絡予定", true},
		{"Go、SQL", true},
		{"café ×2", true},
		{"カ\u3099", false},    // a combining voiced mark after stable text
		{"e\u0301", false},    // a combining accent after ASCII
		{"\uF900", false},     // a CJK compatibility ideograph (NFC maps it)
		{"\u212B", false},     // U+212B ANGSTROM SIGN (NFC: U+00C5)
		{"山田\u3000太郎", false}, // ideographic space
		{"ﾔﾏﾀﾞ", false},       // half-width kana
		{"ＡＢＣ", false},        // full-width letters
		{" 山田", false},
		{"山田 ", false},
		{"山田  太郎", false},
		{"山田\t太郎", false},
	}
	for _, c := range cases {
		if got := isClean(c.in); got != c.want {
			t.Errorf("isClean(%q) = %v, want %v", c.in, got, c.want)
		}
		if got := isClean(c.in); got && Clean(c.in) != c.in {
			t.Errorf("isClean(%q) but Clean changes it to %q", c.in, Clean(c.in))
		}
	}
}

// TestCleanMatchesDefinition compares Clean and its fast paths with the
// definition (cleanSlow) on tricky text and on random mixtures of the
// characters HR files hold.
func TestCleanMatchesDefinition(t *testing.T) {
	cases := []string{
		"ﾔﾏﾀﾞ ﾀﾛｳ", "ｶｽﾀﾏｰｻﾎﾟｰﾄ部", "ﾏﾈｰｼﾞｬｰ", "佐藤　太郎", "ｽｽﾞｷ ｲﾁﾛｳ", "ＡＢＣ　１２３", "Ｇｏ、ＳＱＬ",
		"ﾞｶ", " ﾞ", "ｶ ﾞ", "ｶﾞﾞ", "ｶﾟ", "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "ｳﾞ", "ﾜﾞ", "ｦﾞ", "かﾞ", "はﾟ", "Aﾞ", "ｰﾞ",
		"カ\u3099", "ハ\u309A", "\u3099", "e\u0301", "ｶ\u0301", "\uF900", "\u212B", "㈱ ① 〜 ～ ￥",
		"\t山田\n太郎\r\n", "\u00a0山田\u0085太郎\u2003", "a\x01b", "ｱ\x7fｲ", "｡｢｣､･", "ｧｨｩｪｫｬｭｮｯ",
		"\xff\xfe", "ﾀﾞ\xff", "",
	}
	alphabet := []rune("ｱｲｳｶｷｸﾀﾁﾊﾋﾌﾍﾎﾜｦﾝｰﾞﾟ｡･かはうカハウワガ\u3099\u309A　 \tＡｚ０１AZaz09山田髙㈱①〜～é\u0301\uF900・ー")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		r := make([]rune, rng.IntN(8))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(r))
	}
	for _, s := range cases {
		want := cleanSlow(s)
		if got := Clean(s); got != want {
			t.Errorf("Clean(%q) = %q, want %q", s, got, want)
		}
		if got, ok := cleanKana(s); ok && got != want {
			t.Errorf("cleanKana(%q) = %q, want %q", s, got, want)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	values := []string{"佐藤　太郎", "ｻﾄｳ ﾀﾛｳ", "営業本部 第一営業部", "ｶｽﾀﾏｰｻﾎﾟｰﾄ部", "taro.sato.1@example.co.jp", "㈱サンプル商事"}
	for b.Loop() {
		for _, v := range values {
			Clean(v)
		}
	}
}
