export { ReviewPublishedEmail as default, reviewPublishedSubject, type ReviewPublishedEmailProps } from "./review-decision";
