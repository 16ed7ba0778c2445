package textnorm

import "testing"

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
