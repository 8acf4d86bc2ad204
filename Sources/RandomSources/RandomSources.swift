// RandomSources: module placeholder, filled by its issue.
