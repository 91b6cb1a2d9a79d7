export { ReviewRejectedEmail as default, reviewRejectedSubject, type ReviewRejectedEmailProps } from "./review-decision";
