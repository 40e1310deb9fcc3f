package mail

import "briefing/briefing/model"

// allows is what a TLP 2.0 label allows its recipients, one sentence per
// label and language. The English sentences are FIRST's summary of each
// label (https://www.first.org/tlp/); AMBER+STRICT's is AMBER's restricted
// to the organization, as FIRST's note on it says. The Japanese ones are
// our translation of them.
var allows = map[model.TLP][2]string{
	model.TLPClear: {
		"受信者は制限なく全世界に共有できます。開示の制限はありません。",
		"Recipients can spread this to the world, there is no limit on disclosure.",
	},
	model.TLPGreen: {
		"限定的な開示。受信者は自らのコミュニティ内で共有できます。",
		"Limited disclosure, recipients can spread this within their community.",
	},
	model.TLPAmber: {
		"限定的な開示。受信者は、知る必要のある範囲で、自組織とその顧客の中でのみ共有できます。",
		"Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients.",
	},
	model.TLPAmberStrict: {
		"限定的な開示。受信者は、知る必要のある範囲で、自組織の中でのみ共有できます。",
		"Limited disclosure, recipients can only spread this on a need-to-know basis within their organization only.",
	},
	model.TLPRed: {
		"個々の受信者限りの情報です。それ以上の開示はできません。",
		"For the eyes and ears of individual recipients only, no further disclosure.",
	},
}

// Allows returns the sentence saying what label t allows, in lang (ja or
// another language for English). An unknown label is taken as CLEAR.
func Allows(t model.TLP, lang string) string {
	s, ok := allows[t]
	if !ok {
		s = allows[model.TLPClear]
	}
	if isJa(lang) {
		return s[0]
	}
	return s[1]
}
