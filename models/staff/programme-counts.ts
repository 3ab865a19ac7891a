import { Organization } from '../accounts/organization.ts'
import { User } from '../accounts/user.ts'

/** The figures on the staff home page. */
export async function programmeCounts(): Promise<{
  suppliers: number
  buyers: number
  users: number
}> {
  const [suppliers, buyers, users] = await Promise.all([
    Organization.countDocuments({ kind: 'supplier' }),
    Organization.countDocuments({ kind: 'buyer' }),
    User.countDocuments(),
  ])
  return { suppliers, buyers, users }
}
