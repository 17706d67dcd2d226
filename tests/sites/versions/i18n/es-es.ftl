moniker-vs-2022 = Visual Studio 2022 (actual)
