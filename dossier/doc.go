// Package dossier is the pure domain model of a dossier (hồ sơ) in the one-stop
// mechanism: its lifecycle as an event-sourced state machine, the dossier code, the
// applicant, fees and payments, the legal and per-step deadlines, and the masked
// public view. It does no I/O: storage appends the events Decide returns and rebuilds a
// dossier with Replay; the web layer maps the *motcua.Error codes to HTTP statuses.
//
// Legal sources (cited on each rule below):
//   - Decree 118/2025/NĐ-CP of 9 June 2025 on carrying out administrative procedures
//     under the one-stop and inter-agency one-stop mechanism (replaces Decree
//     61/2018/NĐ-CP and 107/2021/NĐ-CP): intake, supplement requests, refusal,
//     transfer, inter-agency processing, apology for late results, return of results.
//   - Circular 03/2025/TT-VPCP of 15 September 2025 guiding it: the forms and slips, the
//     dossier code (agency identifier, day of receipt, daily sequence).
//   - Circular 01/2018/TT-VPCP, whose form numbering the slips still follow (verified
//     against a published copy of its annex): Mẫu 01 receipt and appointment slip,
//     Mẫu 02 supplement request, Mẫu 03 refusal, Mẫu 04 apology and new appointment,
//     Mẫu 05 control slip (phiếu kiểm soát quá trình giải quyết hồ sơ), Mẫu 06 dossier
//     book. Circular 03/2025/TT-VPCP re-issues these forms; its own numbering has not
//     been verified here.
//   - Decree 13/2023/NĐ-CP on personal data protection (masking in the public lookup).
//
// The flow (domain.md "Lifecycle"): submit_online → accept_online, or receive at the
// counter → transfer to the resolving unit → assign → propose_result → approve (at each
// unit of an inter-agency chain in turn) → result_ready → return_result or
// send_by_post → post_delivered. Side paths: request_supplement / supplement_received
// and suspend / resume stop and restart the clock; refuse_intake, propose_refusal →
// refuse, withdraw and cancel end the dossier. See Transitions for the full table.
//
// Completion instant: a dossier is classified (early / on time / late against its legal
// due) at the instant its result is approved and signed by the last unit — the event
// that moves it to result_ready — or its refusal is signed (refuse). The time the
// applicant takes to collect the result, or the post to deliver it, is not the
// agencies' time and does not count; it is kept (ReturnedAt) for the return-rate
// figures.
package dossier
