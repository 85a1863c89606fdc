/** The crontab line a Drupal site uses to post its module report every hour. */
export function cronLine(appUrl: string, siteId: number, key: string, drupalRoot = '/var/www/html'): string {
  return (
    `17 * * * * cd ${drupalRoot} && vendor/bin/drush pm:list --format=json --fields='*' 2>/dev/null | ` +
    `curl -sS --fail -X POST -H 'Content-Type: application/json' -H 'X-API-Key: ${key}' ` +
    `--data-binary @- ${appUrl.replace(/\/$/, '')}/api/v1/sites/${siteId}/modules > /dev/null`
  );
}
