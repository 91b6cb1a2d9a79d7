export { SlaBreachEmail as default, slaBreachSubject, type SlaAlertEmailProps } from "./_alert";
