import { acceptRisk, acceptRiskSchema, clearAcceptedRisk } from '@/lib/drupal';
import { methods, recordRoute } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/site-modules/[id]/accept-risk', {
  // PUT /api/v1/site-modules/{id}/accept-risk – accept a module's update risk until a date, with a reason
  PUT: recordRoute(acceptRisk, { body: acceptRiskSchema }),
  // DELETE /api/v1/site-modules/{id}/accept-risk – withdraw an accepted risk
  DELETE: recordRoute(clearAcceptedRisk),
});
