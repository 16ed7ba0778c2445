package alumniio

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in     string
		serial serials
		want   string
		ok     bool
	}{
		{"", noSerials, "", true},
		{"  ", noSerials, "", true},
		{"2015/04/01", noSerials, "2015-04-01", true},
		{"2015/4/1", noSerials, "2015-04-01", true},
		{"2015-04-01", noSerials, "2015-04-01", true},
		{"2015.4.1", noSerials, "2015-04-01", true},
		{"2015年4月1日", noSerials, "2015-04-01", true},
		{"２０１５年４月１日", noSerials, "2015-04-01", true},
		{"２０１５／０４／０１", noSerials, "2015-04-01", true},
		{"20150401", noSerials, "2015-04-01", true},
		{"2015/04/01 0:00:00", noSerials, "2015-04-01", true},
		{"2015-04-01T09:00:00", noSerials, "2015-04-01", true},
		{"2015年4月1日(水)", noSerials, "2015-04-01", true},
		{"平成27年4月1日", noSerials, "2015-04-01", true},
		{"H27.4.1", noSerials, "2015-04-01", true},
		{"h27/4/1", noSerials, "2015-04-01", true},
		{"Ｈ２７．４．１", noSerials, "2015-04-01", true},
		{"令和元年5月1日", noSerials, "2019-05-01", true},
		{"R2.4.1", noSerials, "2020-04-01", true},
		{"昭和64年1月7日", noSerials, "1989-01-07", true},
		{"S60.4.1", noSerials, "1985-04-01", true},
		{"平成元年1月8日", noSerials, "1989-01-08", true},
		{"2016/02/29", noSerials, "2016-02-29", true},
		{"2015/02/30", noSerials, "", false},
		{"2015/02/29", noSerials, "", false},
		{"2015/13/01", noSerials, "", false},
		{"2015/00/10", noSerials, "", false},
		{"20150230", noSerials, "", false},
		{"平成27年2月30日", noSerials, "", false},
		{"15/4/1", noSerials, "", false},
		{"2015/4", noSerials, "", false},
		{"2015/4/1/2", noSerials, "", false},
		{"来年", noSerials, "", false},
		{"2015年4月1日頃", noSerials, "", false},
		{"42095", serials1900, "2015-04-01", true},
		{"42095.375", serials1900, "2015-04-01", true},
		{"42095", noSerials, "", false},
		{"20150401", serials1900, "2015-04-01", true},
		{"0", serials1900, "", false},
		{"40633", serials1904, "2015-04-01", true},
		{"1800/01/01", noSerials, "", false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in, tt.serial)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q, %d) = %q, %v; want %q, %v", tt.in, tt.serial, got, ok, tt.want, tt.ok)
		}
	}
}
