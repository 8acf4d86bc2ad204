// CheckerCore: module placeholder, filled by its issue.
