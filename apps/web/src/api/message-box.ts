// Element Plus's message box with its styles, as one chunk that show-problem.ts loads the
// first time something fails.
import 'element-plus/es/components/message/style/css'

export { ElMessage } from 'element-plus'
