package qualityindex

// Unavailable says why the counts of an indicator are not known (Inputs.Unavailable):
// VI and EN are the reason, a sentence in Vietnamese and in English, shown after "Không
// áp dụng:" / "Not applicable:".
type Unavailable struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}
