// Optimized: module placeholder, filled by its issue.
