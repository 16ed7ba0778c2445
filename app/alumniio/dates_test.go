package alumniio

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in     string
		serial bool
		want   string
		ok     bool
	}{
		{"", false, "", true},
		{"  ", false, "", true},
		{"2015/04/01", false, "2015-04-01", true},
		{"2015/4/1", false, "2015-04-01", true},
		{"2015-04-01", false, "2015-04-01", true},
		{"2015.4.1", false, "2015-04-01", true},
		{"2015年4月1日", false, "2015-04-01", true},
		{"２０１５年４月１日", false, "2015-04-01", true},
		{"２０１５／０４／０１", false, "2015-04-01", true},
		{"20150401", false, "2015-04-01", true},
		{"2015/04/01 0:00:00", false, "2015-04-01", true},
		{"2015-04-01T09:00:00", false, "2015-04-01", true},
		{"2015年4月1日(水)", false, "2015-04-01", true},
		{"平成27年4月1日", false, "2015-04-01", true},
		{"H27.4.1", false, "2015-04-01", true},
		{"h27/4/1", false, "2015-04-01", true},
		{"Ｈ２７．４．１", false, "2015-04-01", true},
		{"令和元年5月1日", false, "2019-05-01", true},
		{"R2.4.1", false, "2020-04-01", true},
		{"昭和64年1月7日", false, "1989-01-07", true},
		{"S60.4.1", false, "1985-04-01", true},
		{"平成元年1月8日", false, "1989-01-08", true},
		{"2016/02/29", false, "2016-02-29", true},
		{"2015/02/30", false, "", false},
		{"2015/02/29", false, "", false},
		{"2015/13/01", false, "", false},
		{"2015/00/10", false, "", false},
		{"20150230", false, "", false},
		{"平成27年2月30日", false, "", false},
		{"15/4/1", false, "", false},
		{"2015/4", false, "", false},
		{"2015/4/1/2", false, "", false},
		{"来年", false, "", false},
		{"2015年4月1日頃", false, "", false},
		{"42095", true, "2015-04-01", true},
		{"42095.375", true, "2015-04-01", true},
		{"42095", false, "", false},
		{"20150401", true, "2015-04-01", true},
		{"0", true, "", false},
		{"1800/01/01", false, "", false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in, tt.serial)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q, %v) = %q, %v; want %q, %v", tt.in, tt.serial, got, ok, tt.want, tt.ok)
		}
	}
}
