package dossier

import "github.com/motcua/motcua"

// Message keys of the *motcua.Error values this package returns. The web layer's
// i18n catalogue must hold each (see MessageKeys).
const (
	MsgActionInvalid       = "dossier.action_invalid"
	MsgTransitionInvalid   = "dossier.transition_invalid"
	MsgVersionStale        = "dossier.version_stale"
	MsgTimeBeforeLastEvent = "dossier.time_before_last_event"
	MsgRoleForbidden       = "dossier.role_forbidden"
	MsgUnitForbidden       = "dossier.unit_forbidden"
	MsgNotAssignee         = "dossier.not_assignee"
	MsgReasonRequired      = "dossier.reason_required"
	MsgTextTooLong         = "dossier.text_too_long"
	MsgProcedureInactive   = "dossier.procedure_inactive"
	MsgChannelNotAllowed   = "dossier.channel_not_allowed"
	MsgNoTimeLimit         = "dossier.no_time_limit"
	MsgCodeInvalid         = "dossier.code_invalid"
	MsgUnitInvalid         = "dossier.unit_invalid"

	MsgApplicantKindInvalid     = "dossier.applicant.kind_invalid"
	MsgApplicantNameInvalid     = "dossier.applicant.name_invalid"
	MsgApplicantIDInvalid       = "dossier.applicant.id_invalid"
	MsgApplicantAddressInvalid  = "dossier.applicant.address_invalid"
	MsgApplicantContactRequired = "dossier.applicant.contact_required"
	MsgApplicantPhoneInvalid    = "dossier.applicant.phone_invalid"
	MsgApplicantEmailInvalid    = "dossier.applicant.email_invalid"
	MsgApplicantProxyIncomplete = "dossier.applicant.proxy_incomplete"

	MsgExemptionInvalid    = "dossier.fee.exemption_invalid"
	MsgPaymentInvalid      = "dossier.payment.invalid"
	MsgPaymentExceeds      = "dossier.payment.exceeds_outstanding"
	MsgPaperInvalid        = "dossier.paper_invalid"
	MsgReturnMethodInvalid = "dossier.return_method_invalid"
	MsgRecipientInvalid    = "dossier.recipient_invalid"
	MsgMissingPapers       = "dossier.missing_papers_required"
	MsgAssigneeRequired    = "dossier.assignee_required"
	MsgDocumentHashInvalid = "dossier.document_hash_invalid"
	MsgAttachmentInvalid   = "dossier.attachment_invalid"
	MsgApologyNotLate      = "dossier.apology.not_late"
	MsgApologyAppointment  = "dossier.apology.appointment_invalid"
	MsgTrackingInvalid     = "dossier.post.tracking_invalid"
	MsgEventOutOfOrder     = "dossier.event_out_of_order"
	MsgEventInvalid        = "dossier.event_invalid"
)

// MessageKeys lists every message key above, for the i18n catalogue's tests.
var MessageKeys = []string{
	MsgActionInvalid, MsgTransitionInvalid, MsgVersionStale, MsgTimeBeforeLastEvent,
	MsgRoleForbidden, MsgUnitForbidden, MsgNotAssignee, MsgReasonRequired, MsgTextTooLong,
	MsgProcedureInactive, MsgChannelNotAllowed, MsgNoTimeLimit, MsgCodeInvalid, MsgUnitInvalid,
	MsgApplicantKindInvalid, MsgApplicantNameInvalid, MsgApplicantIDInvalid,
	MsgApplicantAddressInvalid, MsgApplicantContactRequired, MsgApplicantPhoneInvalid,
	MsgApplicantEmailInvalid, MsgApplicantProxyIncomplete, MsgExemptionInvalid,
	MsgPaymentInvalid, MsgPaymentExceeds, MsgPaperInvalid, MsgReturnMethodInvalid,
	MsgRecipientInvalid, MsgMissingPapers, MsgAssigneeRequired, MsgDocumentHashInvalid,
	MsgAttachmentInvalid, MsgApologyNotLate, MsgApologyAppointment, MsgTrackingInvalid,
	MsgEventOutOfOrder, MsgEventInvalid,
}

func invalid(field, key string) *motcua.Error { return motcua.FieldError(motcua.EINVALID, field, key) }

func unprocessable(field, key string) *motcua.Error {
	return motcua.FieldError(motcua.EUNPROCESSABLE, field, key)
}
