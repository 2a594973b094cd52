// Package calendar is motcua's working calendar: the Vietnamese lunar calendar computed
// for the UTC+7 meridian, the statutory public holidays (Labour Code 2019 art. 111–112),
// the Government's yearly holiday schedules (days off in lieu, swapped days off and
// make-up working days), the weekly working shifts of a unit, and the deadline
// arithmetic of the one-stop mechanism (Decree 118/2025/NĐ-CP) with an explanation of
// every computed due time.
//
// The package is pure: no I/O, no clock, no database. All instants are interpreted in
// Vietnam time, a fixed UTC+7 offset (ICT), independent of the system's tzdata.
//
// See README.md for the counting semantics and their legal sources.
package calendar
