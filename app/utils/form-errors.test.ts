import { describe, expect, it } from 'vitest'
import { translator } from '#models/i18n/index.ts'
import { errorSummaryItems, fieldLabel } from './form-errors.ts'

const t = translator('vi')

describe('fieldLabel', () => {
  const labels = {
    products: 'Sản phẩm',
    'products[].hsCode': 'Mã HS',
    'products[].name': 'Tên sản phẩm',
    description: 'Giới thiệu doanh nghiệp',
    keyCustomers: 'Khách hàng tiêu biểu',
  }

  it('names a plain field by its label', () => {
    expect(fieldLabel('description', labels, t)).toBe('Giới thiệu doanh nghiệp')
  })

  it('numbers list items from 1 and names the language of a bilingual part', () => {
    expect(fieldLabel('products[1].hsCode', labels, t)).toBe('Sản phẩm 2 › Mã HS')
    expect(fieldLabel('products[0].name.en', labels, t)).toBe('Sản phẩm 1 › Tên sản phẩm › English')
    expect(fieldLabel('description.vi', labels, t)).toBe('Giới thiệu doanh nghiệp › Tiếng Việt')
    expect(fieldLabel('keyCustomers[2]', labels, t)).toBe('Khách hàng tiêu biểu 3')
  })

  it('leaves out steps it has no label for, and gives up when it has none', () => {
    expect(fieldLabel('products[0].id', labels, t)).toBe('Sản phẩm 1')
    expect(fieldLabel('website', labels, t)).toBeUndefined()
  })
})

describe('errorSummaryItems', () => {
  it('puts the form errors first, as plain lines, then the fields in the order of the labels', () => {
    const items = errorSummaryItems({
      formId: 'sign-up',
      errors: {
        password: ['validation.passwordTooShort', 'validation.tooLong'],
        '': ['validation.emailTaken'],
        email: ['validation.email'],
        unknown: ['not a key'],
        empty: [],
      },
      labels: { email: 'E-mail', password: 'Mật khẩu' },
      t,
    })
    expect(items).toEqual([
      { key: 'form-0', text: 'E-mail này đã được dùng cho một tài khoản khác.' },
      {
        key: 'email',
        name: 'email',
        href: '#sign-up-email',
        text: 'E-mail: Địa chỉ e-mail không hợp lệ.',
      },
      {
        key: 'password',
        name: 'password',
        href: '#sign-up-password',
        text: 'Mật khẩu: Mật khẩu cần ít nhất 10 ký tự.',
      },
      { key: 'unknown', name: 'unknown', href: '#sign-up-unknown', text: 'Giá trị không hợp lệ.' },
    ])
  })

  it('keeps the order of the schema for items of one list', () => {
    const items = errorSummaryItems({
      formId: 'profile-products',
      errors: {
        'products[1].hsCode': ['validation.hsCode'],
        'products[0].leadTimeDays': ['validation.number'],
      },
      labels: { products: 'Sản phẩm', 'products[].hsCode': 'Mã HS' },
      t: translator('en'),
    })
    expect(items.map((item) => [item.href, item.text])).toEqual([
      [
        '#profile-products-products[1].hsCode',
        'Sản phẩm 2 › Mã HS: An HS code has 4 to 10 digits, e.g. 8544.30.',
      ],
      ['#profile-products-products[0].leadTimeDays', 'Sản phẩm 1: Enter a valid number.'],
    ])
  })
})
