import { test as base, expect } from '@playwright/test';

// These tests expect an error page, so they do not use the app fixture's error guard.
const test = base;

test('a malformed reference file gives an error page naming the file and the problem', async ({ page }) => {
  await page.route('**/data/customers.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '[{"name": "Adatum", ' }),
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/could not start: the reference data is not valid/);
  await expect(page.getByText('data/customers.json')).toBeVisible();
  await expect(page.getByText(/Problem: .*line 1/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Signed in as' })).toHaveCount(0);
});

test('reference data that does not fit together is refused with its file', async ({ page }) => {
  await page.route('**/data/users.json', async (route) => {
    const response = await route.fetch();
    const users = await response.json();
    users[0].organizationId = 'nowhere';
    await route.fulfill({ response, json: users });
  });
  await page.goto('/');
  await expect(page.getByText('data/users.json')).toBeVisible();
  await expect(page.getByText(/unknown organisation "nowhere"/)).toBeVisible();
});

test('a missing reference file is reported', async ({ page }) => {
  await page.route('**/data/rates.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('/');
  await expect(page.getByText('data/rates.json')).toBeVisible();
  await expect(page.getByText(/server answered 404/)).toBeVisible();
});
