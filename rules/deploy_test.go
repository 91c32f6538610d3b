package rules

import "testing"

func TestStageNames(t *testing.T) {
	for stage, want := range map[string]bool{
		"dev": true, "orders-dev-eu": true, "staging": true, "feature_login": true, "ci": true, "pr-42": true,
		"prod": false, "production": false, "eu-central-prod": false, "commercial": false, "specific": false, "": false,
	} {
		if got := nonProduction(stage); got != want {
			t.Errorf("nonProduction(%q) = %v", stage, got)
		}
	}
}
