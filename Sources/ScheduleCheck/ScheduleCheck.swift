// ScheduleCheck: module placeholder, filled by its issue.
