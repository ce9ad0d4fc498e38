"""Plain statements the app shows about what it must and must not hold."""

CLASSIFIED_NOTICE = (
    "本软件用于党支部日常组织生活记录，不得存储、处理涉密（秘密、机密、绝密）信息。"
    "涉密材料请按保密规定在涉密计算机上处理。"
)
