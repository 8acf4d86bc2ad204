// Equivalence: module placeholder, filled by its issue.
