export { SlaWarningEmail as default, slaWarningSubject, type SlaAlertEmailProps } from "./_alert";
