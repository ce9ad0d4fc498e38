"""Plain statements the app shows about what it must and must not hold."""

CLASSIFIED_NOTICE = (
    "本软件用于党支部日常组织生活记录，不得存储、处理涉密（秘密、机密、绝密）信息。"
    "涉密材料请按保密规定在涉密计算机上处理。"
)

# What the optional app password protects, and what it does not (README and the access page).
PASSWORD_SCOPE_NOTICE = (
    "应用密码只能防止他人在这台电脑上直接打开本程序查看记录，并把本支部的签名密钥加密保存"
    "（没有密码就不能以本支部的名义导出上报数据包）。档案库文件和备份本身没有加密："
    "能接触这台电脑、网络共享或备份 U 盘的人，仍可以复制并读取其中的记录。"
    "请妥善保管电脑和 U 盘，离开时锁定屏幕。"
)
