; Windows 10/11 installer of BranchDesk (党支部工作台), compiled with NSIS 3 (makensis).
;
; Per-user by default: the program goes to %LOCALAPPDATA%\Programs\BranchDesk and needs
; no administrator rights (village PCs often have none). Started with 「以管理员身份运行」
; the installer also offers 为这台电脑的所有用户安装 (Program Files, shortcuts for all).
; The archives are never in the program's folder: they live in each user's
; %LOCALAPPDATA%\BranchDesk (or a folder the user chose), and the uninstaller leaves them.
;
; Build the payload on a Windows PC: `make dist` (PyInstaller), then
;   makensis /DVERSION=0.1.0 packaging\windows\branchdesk.nsi
; PAYLOAD (the frozen folder: BranchDesk.exe, branchdesk.exe, _internal\) defaults to dist\BranchDesk.
; CI compiles this script against the Linux folder laid out the same way (tools/check-dist).

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..\..\dist\BranchDesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\BranchDesk-${VERSION}-安装程序.exe"
!endif
!define APPNAME "党支部工作台"
!define PRODUCT "BranchDesk"
!define PUBLISHER "BranchDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\BranchDesk"
!define SETTINGS_KEY "Software\BranchDesk\Installer"
!define BUNDLE_CLASS "BranchDesk.Bundle"
!define ICON "..\..\resources\icons\branchdesk.ico"

Name "${APPNAME}"
OutFile "${OUTFILE}"
BrandingText "${PRODUCT} ${VERSION}"
!ifdef NOCOMPRESS
  SetCompress off            ; CI only checks that the script compiles
!else
  SetCompressor /SOLID lzma
!endif

; --- Per-user or all users (MultiUser.nsh) -------------------------------------
; "Highest" lets MultiUser offer all users when the installer runs elevated; the
; RequestExecutionLevel below keeps a normal start free of any UAC prompt.
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE            ; /AllUsers or /CurrentUser for silent installs
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_INSTALLMODE_INSTDIR "BranchDesk"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_USE_PROGRAMFILES64
!include MultiUser.nsh
RequestExecutionLevel user

!include MUI2.nsh
!include FileFunc.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\BranchDesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开党支部工作台"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; --- Version resource of the installer (Explorer's 属性 → 详细信息) --------------
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APPNAME} ${PRODUCT}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"

Function .onInit
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "${APPNAME}" SecMain
  SectionIn RO
  ; A previous version's program files go first (never anything else in the folder).
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File "${PAYLOAD}\BranchDesk.exe"
  File "${PAYLOAD}\branchdesk.exe"
  File /r "${PAYLOAD}\_internal"
  WriteUninstaller "$INSTDIR\卸载党支部工作台.exe"

  ; Shortcuts (SetShellVarContext was set by MultiUser: this user's, or everyone's).
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\BranchDesk.exe" "" "$INSTDIR\BranchDesk.exe" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\卸载党支部工作台.exe"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\BranchDesk.exe" "" "$INSTDIR\BranchDesk.exe" 0

  ; .bdx data packages open in 导入与登记 (SHCTX: HKCU\Software\Classes per user, HKLM for all).
  WriteRegStr SHCTX "Software\Classes\.bdx" "" "${BUNDLE_CLASS}"
  WriteRegStr SHCTX "Software\Classes\.bdx" "Content Type" "application/vnd.branchdesk.bundle"
  WriteRegStr SHCTX "Software\Classes\${BUNDLE_CLASS}" "" "党支部数据包"
  WriteRegStr SHCTX "Software\Classes\${BUNDLE_CLASS}\DefaultIcon" "" "$INSTDIR\BranchDesk.exe,0"
  WriteRegStr SHCTX "Software\Classes\${BUNDLE_CLASS}\shell\open" "" "用党支部工作台导入"
  WriteRegStr SHCTX "Software\Classes\${BUNDLE_CLASS}\shell\open\command" "" '"$INSTDIR\BranchDesk.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; 设置 → 应用 lists it, with its uninstaller.
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\BranchDesk.exe,0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\卸载党支部工作台.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\卸载党支部工作台.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; The uninstaller removes the program and its entries only. The archives (the user's
; %LOCALAPPDATA%\BranchDesk, backups, exports and any folder chosen for them) stay.
Section "Uninstall"
  Delete "$INSTDIR\BranchDesk.exe"
  Delete "$INSTDIR\branchdesk.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\卸载党支部工作台.exe"
  RMDir "$INSTDIR"                      ; only when empty: anything a user put there stays

  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$DESKTOP\${APPNAME}.lnk"

  ReadRegStr $0 SHCTX "Software\Classes\.bdx" ""
  StrCmp $0 "${BUNDLE_CLASS}" 0 +2
    DeleteRegKey SHCTX "Software\Classes\.bdx"
  DeleteRegKey SHCTX "Software\Classes\${BUNDLE_CLASS}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${SETTINGS_KEY}"
  DeleteRegKey /ifempty SHCTX "Software\BranchDesk"
SectionEnd
