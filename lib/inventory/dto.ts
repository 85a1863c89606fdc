export type { ExceptionItem, ExceptionListPage } from './exception-work-list';
export type { AssessmentDto } from './windows11-assessment';
