import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { useTestApp } from '#test/app-server.ts'
import { createAccount, TEST_PASSWORD } from '#test/factories.ts'
import { hydrated, useBrowser } from './browser.ts'

const app = useTestApp()
const browser = useBrowser(app)

describe(
  'a supplier builds a complete bilingual profile in the browser',
  { timeout: 90_000 },
  () => {
    it('from an empty account to a public page in both languages', async () => {
      const { email, organizationId } = await createAccount('supplier')
      const page = await browser.newPage()
      await page.goto('/login')
      await hydrated(page)
      await page.getByLabel('E-mail').fill(email)
      await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Đăng nhập' }).click()
      await page.waitForURL('**/account')

      await page.getByRole('banner').getByRole('link', { name: 'Hồ sơ năng lực' }).click()
      await page.waitForURL('**/supplier-profile/general')
      await hydrated(page)
      await expect.poll(() => page.getByText('Mức độ hoàn thiện hồ sơ: 0%').count()).toBe(1)
      const saved = () => page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor()

      const about = page.getByRole('group', { name: 'Giới thiệu doanh nghiệp' })
      await about
        .getByLabel('Tiếng Việt')
        .fill('Chúng tôi chuyên dập kim loại và lắp ráp bó dây điện cho xe máy.')
      await about
        .getByLabel('English')
        .fill('We stamp metal parts and assemble wire harnesses for motorcycles.')
      await page.getByLabel('Năm thành lập').fill('2008')
      await page.getByLabel('Số lao động').selectOption('200-499')
      await page.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Hải Phòng' })
      await page.getByRole('button', { name: 'Lưu' }).click()
      await saved()

      await page.getByRole('link', { name: 'Năng lực sản xuất', exact: true }).click()
      await page.waitForURL('**/supplier-profile/capabilities')
      await page
        .getByRole('group', { name: 'Ngành' })
        .getByLabel('Linh kiện, phụ tùng ô tô')
        .check()
      await page
        .getByRole('group', { name: 'Công nghệ gia công' })
        .getByLabel('Dập kim loại')
        .check()
      await page
        .getByRole('group', { name: 'Công nghệ gia công' })
        .getByLabel(/bó dây điện/)
        .check()
      await page.getByRole('group', { name: 'Vật liệu' }).getByLabel('Thép carbon').check()
      await page
        .getByRole('group', { name: 'Công suất hằng tháng' })
        .getByLabel('Tiếng Việt')
        .fill('500.000 chi tiết dập mỗi tháng')
      await page.getByRole('button', { name: 'Thêm thiết bị' }).click()
      await page
        .getByRole('group', { name: 'Tên thiết bị' })
        .getByLabel('Tiếng Việt')
        .fill('Máy dập 160 tấn')
      await page.getByLabel('Số lượng').fill('6')
      await page.getByRole('button', { name: 'Lưu' }).click()
      await saved()

      await page.getByRole('link', { name: 'Sản phẩm', exact: true }).click()
      await page.waitForURL('**/supplier-profile/products')
      await page.getByRole('button', { name: 'Thêm sản phẩm' }).click()
      const productName = page.getByRole('group', { name: 'Tên sản phẩm' })
      await productName.getByLabel('Tiếng Việt').fill('Bó dây điện xe máy')
      await productName.getByLabel('English').fill('Motorcycle wire harness')
      await page.getByLabel('Mã HS').fill('8544.30')
      await page.getByLabel('Thời gian giao hàng (ngày)').fill('30')
      await page.getByRole('button', { name: 'Lưu' }).click()
      await saved()

      await page.getByRole('link', { name: 'Chứng nhận', exact: true }).click()
      await page.waitForURL('**/supplier-profile/certifications')
      await page.getByRole('button', { name: 'Thêm chứng nhận' }).click()
      await page.getByLabel('Tiêu chuẩn').selectOption('iso-9001')
      await page.getByLabel('Hiệu lực đến').fill('2028-06-30')
      await page.getByRole('button', { name: 'Lưu' }).click()
      await saved()

      await page.getByRole('link', { name: 'Thị trường và khách hàng', exact: true }).click()
      await page.waitForURL('**/supplier-profile/markets')
      await page.getByRole('group', { name: 'Thị trường xuất khẩu' }).getByLabel('Nhật Bản').check()
      await page.getByRole('button', { name: 'Lưu' }).click()
      await saved()
      // Every field filled; the logo and factory photos still count (issue 15): 13 of 15.
      await expect.poll(() => page.getByText('Mức độ hoàn thiện hồ sơ: 87%').count()).toBe(1)

      await page.getByRole('link', { name: 'Ảnh và tài liệu', exact: true }).click()
      await page.waitForURL('**/supplier-profile/media')
      const photo = await sharp({
        create: { width: 800, height: 600, channels: 3, background: '#0f766e' },
      })
        .jpeg()
        .toBuffer()
      await page
        .getByLabel('Ảnh JPEG, PNG hoặc WebP, tối đa 8 MB')
        .setInputFiles({ name: 'xuong-dap.jpg', mimeType: 'image/jpeg', buffer: photo })
      await page.getByRole('button', { name: 'Tải lên' }).first().click()
      await page.getByRole('status').filter({ hasText: 'Đã tải tệp lên.' }).waitFor()

      const slug = (await Organization.findById(organizationId))!.slug
      const visitor = await browser.newPage()
      await visitor.goto(`/suppliers/${slug}?lang=en`)
      expect(await visitor.locator('html').getAttribute('lang')).toBe('en')
      await visitor
        .getByText('We stamp metal parts and assemble wire harnesses for motorcycles.')
        .waitFor()
      await visitor.getByText('Motorcycle wire harness').waitFor()
      await visitor.getByText('Metal stamping').waitFor()
      // Capacity was written only in Vietnamese: shown, with the note saying so.
      await visitor.getByText('500.000 chi tiết dập mỗi tháng').waitFor()
      await visitor
        .getByText('This text is not available in English; the Vietnamese original is shown.')
        .first()
        .waitFor()
      expect(await visitor.locator('img[src^="/files/"]').count()).toBe(1)
      const description = await visitor.locator('meta[name="description"]').getAttribute('content')
      expect(description).toContain('We stamp metal parts')
      await visitor.screenshot({
        path: path.join(os.tmpdir(), 'e2e-public-profile.png'),
        fullPage: true,
      })

      await visitor.goto(`/suppliers/${slug}?lang=vi`)
      await visitor
        .getByText('Chúng tôi chuyên dập kim loại và lắp ráp bó dây điện cho xe máy.')
        .waitFor()
      await visitor.getByText('Bó dây điện xe máy').waitFor()
    })
  },
)
